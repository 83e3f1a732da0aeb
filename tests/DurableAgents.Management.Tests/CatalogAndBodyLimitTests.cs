using System.Net;
using System.Text.Json;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

public sealed class CatalogAndBodyLimitTests
{
    private const string Base = "/runtime/webhooks/durabletask";

    [Fact]
    public async Task Post_OrchestratorNoWorkerRegistered_Returns400ListingKnownNames()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(catalog: new FixedCatalog(["Hello", "Echo"]));

        using HttpResponseMessage response = await f.Http.PostAsync($"{Base}/orchestrators/Helo", null);

        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "name", "Known orchestrators: Echo, Hello.");
        Assert.Equal("urn:durableagents:problem:unknown-orchestrator", problem.GetProperty("type").GetString());
        Assert.Empty(await f.ListAllInstancesAsync());
    }

    [Fact]
    public async Task Post_NoOrchestratorsKnownAtAll_Returns400SayingSo()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(catalog: new FixedCatalog([]));

        using HttpResponseMessage response = await f.Http.PostAsync($"{Base}/orchestrators/Hello", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "name", "No connected worker has registered any orchestrator");
    }

    [Fact]
    public async Task Post_KnownNameInOtherCase_IsAccepted()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(catalog: new FixedCatalog(["Hello", "Echo"]));

        using HttpResponseMessage response = await f.Http.PostAsync($"{Base}/orchestrators/echo", HttpAssert.Json("5"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Post_CatalogCannotTell_SkipsTheCheck()
    {
        var catalog = new FixedCatalog(null);
        await using ManagementFixture f = await ManagementFixture.StartAsync(catalog: catalog);

        using HttpResponseMessage response = await f.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}", HttpAssert.Json("5"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, catalog.Calls);
    }

    [Fact]
    public async Task Post_BodyOverConfiguredLimit_Returns413Problem()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?> { ["Management:MaxRequestBodyBytes"] = "1024" });
        string big = JsonSerializer.Serialize(new string('x', 2000));

        using HttpResponseMessage response = await f.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}", HttpAssert.Json(big));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body", "at most 1024 bytes");
        Assert.Empty(await f.ListAllInstancesAsync());
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_Returns413Problem()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?> { ["Management:MaxRequestBodyBytes"] = "1024" });
        byte[] big = System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new string('x', 2000)));
        using var content = new StreamContent(new NonSeekableStream(big));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        using HttpResponseMessage response = await f.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}", content);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body", "more bytes were sent");
    }

    [Fact]
    public async Task Post_BodyExactlyAtLimit_IsAccepted()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?> { ["Management:MaxRequestBodyBytes"] = "1024" });
        string exact = JsonSerializer.Serialize(new string('x', 1022));

        using HttpResponseMessage response = await f.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}", HttpAssert.Json(exact));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task DefaultLimit_IsOneMebibyte()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string tooBig = JsonSerializer.Serialize(new string('x', 1024 * 1024));

        using HttpResponseMessage response = await f.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}", HttpAssert.Json(tooBig));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body", "at most 1048576 bytes");
    }

    /// <summary>A stream without a length, so the client sends the body chunked (no Content-Length).</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
