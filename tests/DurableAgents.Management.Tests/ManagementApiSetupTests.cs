using DurableAgents.Management.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;

namespace DurableAgents.Management.Tests;

public sealed class ManagementApiSetupTests
{
    [Theory]
    [InlineData("Management:BasePath", "no-leading-slash")]
    [InlineData("Management:BasePath", "/trailing/")]
    [InlineData("Management:ApprovalsPath", "/with space")]
    [InlineData("Management:MaxRequestBodyBytes", "0")]
    public async Task Start_InvalidOptions_FailsWithMessageNamingTheSetting(string key, string value)
    {
        OptionsValidationException error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            ManagementFixture.StartAsync(new Dictionary<string, string?> { [key] = value }));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_WithoutAddingServices_ThrowsTellingWhatToCall()
    {
        WebApplication app = WebApplication.CreateSlimBuilder().Build();

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => app.MapDurableTaskManagementApi());

        Assert.Contains("AddDurableTaskManagementApi", error.Message, StringComparison.Ordinal);
    }
}
