using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

/// <summary>Errors no management route produces (no such route, wrong method, URL too long, unreadable framing) are problems too.</summary>
public sealed class ErrorsWithoutARouteTests(SharedManagement shared) : IClassFixture<SharedManagement>
{
    private const string Base = "/runtime/webhooks/durabletask";
    private ManagementFixture F => shared.Fixture;

    [Theory]
    [InlineData("/no/such/route")]
    [InlineData(Base + "/no-such-route")]
    [InlineData(Base + "/instances/x/raiseEvent")]
    public async Task Unknown_route_is_a_404_problem_pointing_at_the_openapi_document(string path)
    {
        using HttpResponseMessage response = await F.Http.GetAsync(path);

        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, detailContains: Base + "/openapi.json");
        Assert.Equal("urn:durableagents:problem:route-not-found", problem.GetProperty("type").GetString());
        Assert.Equal(path, problem.GetProperty("instance").GetString());
    }

    [Fact]
    public async Task Wrong_method_is_a_405_problem_naming_the_allowed_method()
    {
        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/orchestrators/Echo");

        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.MethodNotAllowed, detailContains: "use POST");
        Assert.Equal("urn:durableagents:problem:method-not-allowed", problem.GetProperty("type").GetString());
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Url_longer_than_MaxUrlLength_is_a_414_problem_and_starts_nothing()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?> { ["Management:MaxUrlLength"] = "1024" });
        string id = ManagementFixture.NewId();

        using HttpResponseMessage response = await f.Http.PostAsync($"{Base}/orchestrators/Echo/{id}?pad={new string('x', 2000)}", HttpAssert.Json("1"));

        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestUriTooLong, detailContains: "at most 1024");
        Assert.Equal("urn:durableagents:problem:url-too-long", problem.GetProperty("type").GetString());
        Assert.Null(await f.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Broken_chunked_body_is_a_400_problem_and_starts_nothing()
    {
        string id = ManagementFixture.NewId();
        string request =
            $"POST {Base}/orchestrators/Echo/{id} HTTP/1.1\r\nHost: {F.Server.BaseAddress.Authority}\r\nContent-Type: application/json\r\n" +
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nnot-a-chunk-size\r\n{}\r\n0\r\n\r\n";

        string response = await SendRawAsync(request);

        string[] parts = response.Split("\r\n\r\n", 2);
        Assert.StartsWith("HTTP/1.1 400", parts[0], StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/problem+json", parts[0], StringComparison.OrdinalIgnoreCase);
        Assert.Contains("urn:durableagents:problem:bad-request", parts[1], StringComparison.Ordinal);
        Assert.Null(await F.Client.GetInstanceAsync(id));
    }

    /// <summary>Sends bytes no HttpClient would send, and reads the whole answer (the server closes the connection).</summary>
    private async Task<string> SendRawAsync(string request)
    {
        using var deadline = new CancellationTokenSource(ManagementFixture.Deadline);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(F.Server.BaseAddress.Host, F.Server.BaseAddress.Port, deadline.Token);
        NetworkStream stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), deadline.Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(deadline.Token);
    }
}
