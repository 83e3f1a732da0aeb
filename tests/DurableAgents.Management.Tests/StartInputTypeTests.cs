using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

/// <summary>
/// Where the host knows an orchestrator's input type, a start whose input cannot be read as that type is refused
/// with 400 naming the JSON path, before an instance exists; other orchestrators accept any JSON.
/// </summary>
public sealed class StartInputTypeTests : IAsyncLifetime
{
    private const string Base = "/runtime/webhooks/durabletask";
    private ManagementFixture? _fixture;

    private ManagementFixture F => _fixture!;

    public async Task InitializeAsync() =>
        _fixture = await ManagementFixture.StartAsync(inputTypes: new RegistryInputTypes(TestOrchestrations.Greet, TestOrchestrations.Echo));

    public async Task DisposeAsync() => await _fixture!.DisposeAsync();

    [Theory]
    [InlineData("\"Ana\"", "$", "GreetingRequest")]
    [InlineData("{}", "$", "'name'")]
    [InlineData("{\"times\":2}", "$", "'name'")]
    [InlineData("{\"name\":null}", "$.name", "GreetingRequest")]
    [InlineData("{\"name\":\"Ana\",\"times\":\"twice\"}", "$.times", "Path: $.times")]
    [InlineData("[1,2]", "$", "GreetingRequest")]
    public async Task Start_whose_input_cannot_be_read_as_the_orchestrators_input_type_is_refused_naming_the_field(string body, string field, string detail)
    {
        string id = ManagementFixture.NewId();

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Greet}/{id}", HttpAssert.Json(body));

        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field, detail);
        Assert.Equal("urn:durableagents:problem:invalid-input", problem.GetProperty("type").GetString());
        Assert.Contains($"'{TestOrchestrations.Greet}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await F.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Start_without_a_body_for_an_input_type_with_required_members_is_refused()
    {
        string id = ManagementFixture.NewId();

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Greet}/{id}", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "body", "'name'");
        Assert.Null(await F.Client.GetInstanceAsync(id));
    }

    [Theory]
    [InlineData("{\"name\":\"Ana\"}", "Hello Ana")]
    [InlineData("{\"Name\":\"Ana\",\"times\":2,\"note\":null,\"unknownMember\":true}", "Hello Hello Ana")]
    public async Task Start_whose_input_fits_the_known_type_starts(string body, string expected)
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Greet}?timeout=60", HttpAssert.Json(body));

        Assert.Equal(expected, (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetString());
    }

    [Theory]
    [InlineData(TestOrchestrations.Echo, "\"str\"")]
    [InlineData(TestOrchestrations.WaitForGo, "{}")]
    public async Task Start_of_an_orchestrator_taking_any_json_or_of_unknown_type_accepts_any_json(string orchestrator, string body)
    {
        string id = ManagementFixture.NewId();

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{orchestrator}/{id}", HttpAssert.Json(body));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(await F.Client.GetInstanceAsync(id));
    }
}
