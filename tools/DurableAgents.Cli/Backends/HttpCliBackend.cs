using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DurableAgents.Approvals;
using DurableAgents.Cli.Errors;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Backends;

/// <summary>Talks to the sidecar's HTTP management API (Durable Functions routes plus /api/approvals).</summary>
internal sealed class HttpCliBackend : ICliBackend
{
    /// <summary>The header that carries the API key, as the management API reads it.</summary>
    public const string ApiKeyHeaderName = "x-api-key";

    private const string ContinuationTokenHeader = "x-ms-continuation-token";
    private const int MaxPageSize = 1000;

    // The HTTP API has no long poll for an existing instance, so waiting polls; start fast, back off to a second.
    private static readonly TimeSpan FirstPollDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxPollDelay = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly TimeProvider _time;

    public HttpCliBackend(HttpClient http, Uri baseAddress, TimeProvider time)
    {
        _http = http;
        _baseAddress = baseAddress;
        _time = time;
        Description = $"the HTTP API at {baseAddress}";
    }

    public string Description { get; }

    /// <summary>Creates a backend for <paramref name="baseUrl"/>, e.g. http://127.0.0.1:8080.</summary>
    public static HttpCliBackend Create(string baseUrl, string? apiKey, TimeProvider time)
    {
        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out Uri? baseAddress) ||
            baseAddress.Scheme is not ("http" or "https"))
        {
            throw new CliUsageException($"--http '{baseUrl}' is not an http(s) URL. Pass the sidecar's HTTP base URL, e.g. --http http://127.0.0.1:8080.");
        }

        var http = new HttpClient { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeaderName, apiKey);
        }

        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return new HttpCliBackend(http, baseAddress, time);
    }

    public async Task<string> StartAsync(string orchestratorName, JsonElement? input, string? instanceId, CancellationToken cancellation)
    {
        using JsonDocument body = await SendForJsonAsync(HttpMethod.Post, ManagementRoutes.Start(orchestratorName, instanceId), Json(input), instanceId, cancellation);
        return body.RootElement.TryGetProperty("id", out JsonElement id) && id.GetString() is { Length: > 0 } started
            ? started
            : throw new ManagementApiException($"{Description} started '{orchestratorName}' but did not say which instance id it used.");
    }

    public async Task<string?> GetWaitingForWorkerAsync(string instanceId, CancellationToken cancellation)
    {
        try
        {
            using JsonDocument body = await SendForJsonAsync(HttpMethod.Get, ManagementRoutes.Instance(instanceId, withHistory: false), null, instanceId, cancellation);
            return body.RootElement.TryGetProperty("waitingForWorker", out JsonElement waiting) && waiting.ValueKind == JsonValueKind.String
                ? waiting.GetString()
                : null;
        }
        catch (InstanceNotFoundException)
        {
            // Purged meanwhile: nothing waits.
            return null;
        }
    }

    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, CancellationToken cancellation)
    {
        try
        {
            using JsonDocument body = await SendForJsonAsync(HttpMethod.Get, ManagementRoutes.Instance(instanceId, withHistory: false), null, instanceId, cancellation);
            return ManagementJson.ReadStatus(body.RootElement);
        }
        catch (InstanceNotFoundException)
        {
            return null;
        }
    }

    public async Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId, CancellationToken cancellation)
    {
        TimeSpan delay = FirstPollDelay;
        while (true)
        {
            OrchestrationMetadata instance = await GetInstanceAsync(instanceId, cancellation) ?? throw new InstanceNotFoundException(instanceId);
            if (instance.IsCompleted)
            {
                return instance;
            }

            await Task.Delay(delay, _time, cancellation);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxPollDelay.Ticks));
        }
    }

    public async Task<IReadOnlyList<HistoryRow>> GetHistoryAsync(string instanceId, CancellationToken cancellation)
    {
        using JsonDocument body = await SendForJsonAsync(HttpMethod.Get, ManagementRoutes.Instance(instanceId, withHistory: true), null, instanceId, cancellation);
        return ManagementJson.ReadHistory(body.RootElement);
    }

    public async Task<InstanceList> ListAsync(InstanceListRequest request, CancellationToken cancellation)
    {
        var instances = new List<OrchestrationMetadata>();
        string? continuation = null;
        while (true)
        {
            // One more than asked for tells whether there are more without a second round trip.
            int pageSize = Math.Min(request.Top + 1 - instances.Count, MaxPageSize);
            using var message = new HttpRequestMessage(HttpMethod.Get, ManagementRoutes.Instances(request, pageSize));
            if (continuation is not null)
            {
                message.Headers.Add(ContinuationTokenHeader, continuation);
            }

            using HttpResponseMessage response = await SendAsync(message, null, cancellation);
            using JsonDocument page = await ReadJsonAsync(response, cancellation);
            foreach (JsonElement item in page.RootElement.EnumerateArray())
            {
                if (instances.Count == request.Top)
                {
                    return new InstanceList(instances, HasMore: true);
                }

                instances.Add(ManagementJson.ReadStatus(item));
            }

            continuation = response.Headers.TryGetValues(ContinuationTokenHeader, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
            if (string.IsNullOrEmpty(continuation))
            {
                return new InstanceList(instances, HasMore: false);
            }
        }
    }

    public async Task RaiseEventAsync(string instanceId, string eventName, JsonElement? data, CancellationToken cancellation)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, ManagementRoutes.RaiseEvent(instanceId, eventName), Json(data), instanceId, cancellation);
    }

    public async Task<IReadOnlyList<PendingApproval>> ListApprovalsAsync(string? approvalName, CancellationToken cancellation)
    {
        using JsonDocument body = await SendForJsonAsync(HttpMethod.Get, ManagementRoutes.Approvals(approvalName), null, null, cancellation);
        return ManagementJson.ReadApprovals(body.RootElement);
    }

    public async Task ApproveAsync(string instanceId, string approvalName, ApprovalDecision decision, CancellationToken cancellation)
    {
        // ApprovalDecision carries the wire names (approved, approver, comment) the route reads.
        string body = JsonSerializer.Serialize(decision);
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, ManagementRoutes.Approval(instanceId, approvalName), body, instanceId, cancellation);
    }

    public Task TerminateAsync(string instanceId, string? reason, CancellationToken cancellation) =>
        ControlAsync(instanceId, "terminate", reason, cancellation);

    public Task SuspendAsync(string instanceId, string? reason, CancellationToken cancellation) =>
        ControlAsync(instanceId, "suspend", reason, cancellation);

    public Task ResumeAsync(string instanceId, string? reason, CancellationToken cancellation) =>
        ControlAsync(instanceId, "resume", reason, cancellation);

    public async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId, CancellationToken cancellation)
    {
        using JsonDocument body = await SendForJsonAsync(
            HttpMethod.Post, ManagementRoutes.Restart(instanceId, restartWithNewInstanceId), null, instanceId, cancellation);
        return body.RootElement.TryGetProperty("id", out JsonElement id) && id.GetString() is { Length: > 0 } restarted
            ? restarted
            : throw new ManagementApiException($"{Description} restarted '{instanceId}' but did not say which instance id it used.");
    }

    public async Task<int> PurgeInstanceAsync(string instanceId, CancellationToken cancellation)
    {
        using JsonDocument body = await SendForJsonAsync(HttpMethod.Delete, ManagementRoutes.PurgeInstance(instanceId), null, instanceId, cancellation);
        return ReadDeleted(body);
    }

    public async Task<int> PurgeInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(filter);
        try
        {
            using JsonDocument body = await SendForJsonAsync(
                HttpMethod.Delete, ManagementRoutes.PurgeInstances(
                    filter.CreatedFrom ?? throw new ArgumentException("Purging by filter needs a created-from time.", nameof(filter)),
                    filter.CreatedTo,
                    filter.Statuses?.Select(s => s.ToOrchestrationStatus()).ToArray()), null, null, cancellation);
            return ReadDeleted(body);
        }
        catch (ManagementApiException error) when (error.ProblemType == "nothing-to-purge")
        {
            // Durable Functions answers 404 when nothing matched; for a command line that is simply zero.
            return 0;
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task ControlAsync(string instanceId, string operation, string? reason, CancellationToken cancellation)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Post, ManagementRoutes.Control(instanceId, operation, reason), null, instanceId, cancellation);
    }

    private async Task<JsonDocument> SendForJsonAsync(HttpMethod method, string path, string? jsonBody, string? instanceId, CancellationToken cancellation)
    {
        using HttpResponseMessage response = await SendAsync(method, path, jsonBody, instanceId, cancellation);
        return await ReadJsonAsync(response, cancellation);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? jsonBody, string? instanceId, CancellationToken cancellation)
    {
        using var message = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            // The API wants a JSON content type even when there is no body (no input, no event data).
            message.Content = new StringContent(jsonBody ?? string.Empty, Encoding.UTF8, "application/json");
        }

        return await SendAsync(message, instanceId, cancellation);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage message, string? instanceId, CancellationToken cancellation)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(message, cancellation);
        }
        catch (HttpRequestException error) when (error.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            throw new BackendUnreachableException(
                $"no HTTP API is listening at {_baseAddress} ({error.Message}). Start the sidecar with `dotnet run --project src/DurableAgents.Sidecar`, or pass --http <base url> (env DURABLEAGENTS_HTTP).",
                error);
        }
        catch (HttpRequestException error)
        {
            throw new CliOperationException($"The request to {Description} failed: {error.Message}", error);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await ManagementErrorMapper.ToExceptionAsync(response, Description, instanceId, cancellation);
        }
    }

    private async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellation), cancellationToken: cancellation);
        }
        catch (JsonException error)
        {
            throw new ManagementApiException(
                $"{Description} answered {(int)response.StatusCode} with a body that is not JSON ({error.Message}). Is --http the DurableAgents sidecar's HTTP base URL?",
                error);
        }
    }

    private static int ReadDeleted(JsonDocument body) =>
        body.RootElement.TryGetProperty("instancesDeleted", out JsonElement deleted) && deleted.TryGetInt32(out int count) ? count : 0;

    private static string? Json(JsonElement? value) => value?.GetRawText();
}
