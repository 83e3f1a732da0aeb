using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>A thin HTTP client for the host's management API (Durable Functions routes and /api/approvals).</summary>
internal sealed class ManagementApi : IDisposable
{
    public const string BasePath = "runtime/webhooks/durabletask/";
    public const string ApprovalsPath = "api/approvals";

    public ManagementApi(Uri address, string? apiKey)
    {
        Http = new HttpClient { BaseAddress = address, Timeout = Deadline.Duration };
        if (apiKey is not null)
        {
            Http.DefaultRequestHeaders.Add("x-api-key", apiKey);
        }
    }

    /// <summary>The underlying client, for requests this class has no method for.</summary>
    public HttpClient Http { get; }

    /// <summary>POST orchestrators/{name}[/{instanceId}] with <paramref name="input"/> as the JSON body.</summary>
    public Task<HttpResponseMessage> StartAsync(string orchestrator, object input, string? instanceId = null) =>
        Http.PostAsJsonAsync(BasePath + "orchestrators/" + orchestrator + (instanceId is null ? string.Empty : "/" + instanceId), input, JsonSerializerOptions.Web);

    /// <summary>Starts an instance and returns its id; fails the test unless the API answers 202.</summary>
    public async Task<string> StartInstanceAsync(string orchestrator, object input, string? instanceId = null)
    {
        using HttpResponseMessage response = await StartAsync(orchestrator, input, instanceId);
        JsonNode body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Start of {orchestrator} answered {(int)response.StatusCode}: {body.ToJsonString()}");
        return body["id"]!.GetValue<string>();
    }

    /// <summary>GET /api/approvals: every pending approval.</summary>
    public async Task<JsonArray> ListApprovalsAsync()
    {
        using HttpResponseMessage response = await Http.GetAsync(ApprovalsPath);
        JsonNode body = await ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/approvals answered {(int)response.StatusCode}: {body.ToJsonString()}");
        return body.AsArray();
    }

    /// <summary>The pending approval of <paramref name="instanceId"/> in GET /api/approvals, or null when none is listed.</summary>
    public async Task<JsonObject?> FindApprovalAsync(string instanceId) =>
        (await ListApprovalsAsync()).OfType<JsonObject>()
            .FirstOrDefault(a => a["instanceId"]?.GetValue<string>() == instanceId);

    /// <summary>
    /// Waits until GET /api/approvals lists an approval of <paramref name="instanceId"/>. The listing has no push
    /// notification, so it is asked again after a short pause until the deadline.
    /// </summary>
    public Task<JsonObject> WaitForApprovalAsync(string instanceId) =>
        Deadline.UntilAsync(() => FindApprovalAsync(instanceId), $"instance '{instanceId}' to be listed in GET /api/approvals");

    /// <summary>POST /api/approvals/{instanceId}/{name} with the decision.</summary>
    public Task<HttpResponseMessage> AnswerApprovalAsync(string instanceId, string name, bool approved, string approver, string comment) =>
        Http.PostAsJsonAsync($"{ApprovalsPath}/{instanceId}/{name}", new { approved, approver, comment }, JsonSerializerOptions.Web);

    /// <summary>GET instances/{id} with the given query string (e.g. "?showHistory=true").</summary>
    public Task<HttpResponseMessage> GetInstanceAsync(string instanceId, string query = "") =>
        Http.GetAsync(BasePath + "instances/" + instanceId + query);

    /// <summary>The body as JSON (problem details included); an empty body reads as an empty object.</summary>
    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        string text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public void Dispose() => Http.Dispose();
}
