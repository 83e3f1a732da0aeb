using System.Net;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

/// <summary>Changes the process environment, so it runs alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public sealed class ApiKeyEnvironmentTests
{
    [Fact]
    public async Task Key_FromEnvironmentVariable_IsRequired()
    {
        const string key = "from-the-environment";
        Environment.SetEnvironmentVariable(ManagementApiOptions.ApiKeyEnvironmentVariable, key);
        try
        {
            await using ManagementFixture f = await ManagementFixture.StartAsync(includeEnvironment: false);
            using HttpResponseMessage without = await f.Http.GetAsync("/api/approvals");
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/approvals");
            request.Headers.Add("x-api-key", key);
            using HttpResponseMessage with = await f.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
            Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ManagementApiOptions.ApiKeyEnvironmentVariable, null);
        }
    }
}
