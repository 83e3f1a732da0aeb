using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Host;
using DurableAgents.Protocol;
using DurableAgents.Workflows.Supervisor;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Dashboard.Tests.Infrastructure;

/// <summary>
/// The all-in-one host as `dotnet run` starts it (Kestrel on loopback ports from the OS, a real SQLite file, offline
/// agents), optionally requiring an API key. <see cref="Http"/> sends no key of its own, as a browser would not;
/// <see cref="Client"/> (official gRPC client) and <see cref="History"/> check what really happened.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    public const string BasePath = "/runtime/webhooks/durabletask";

    private readonly TempDirectory _directory;
    private readonly WebApplication _app;
    private readonly SidecarConnection _connection;

    private DashboardHost(TempDirectory directory, WebApplication app, Uri address, Uri grpcAddress, SidecarConnection connection, string? apiKey)
    {
        _directory = directory;
        _app = app;
        Address = address;
        GrpcAddress = grpcAddress;
        ApiKey = apiKey;
        _connection = connection;
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = address, Timeout = Deadline.Duration };
        Client = connection.CreateDurableTaskClient(WebJsonDataConverter.Default);
        History = new SidecarHistoryReader(connection);
    }

    /// <summary>The HTTP port's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The gRPC port's address (cleartext HTTP/2).</summary>
    public Uri GrpcAddress { get; }

    public string? ApiKey { get; }

    /// <summary>A client that follows no redirects and sends no API key unless a request adds it.</summary>
    public HttpClient Http { get; }

    public DurableTaskClient Client { get; }

    public IInstanceHistoryReader History { get; }

    public static async Task<DashboardHost> StartAsync(string? apiKey = null)
    {
        using CancellationTokenSource deadline = Deadline.Source();
        var directory = new TempDirectory("dashboard");
        int[] ports = FreePorts.Reserve(2);
        string grpc = "127.0.0.1:" + ports[0].ToString(CultureInfo.InvariantCulture);
        string http = "127.0.0.1:" + ports[1].ToString(CultureInfo.InvariantCulture);
        var settings = new List<string>
        {
            "--Sidecar:GrpcEndpoint=" + grpc,
            "--Sidecar:HttpEndpoint=" + http,
            "--TaskHub:Sqlite:DataSource=" + directory.File("taskhub.db"),
            "--Workflows:LedgerPath=" + directory.File("side-effects.jsonl"),
            "--Serilog:MinimumLevel:Default=Warning",
        };
        if (apiKey is not null)
        {
            settings.Add("--Sidecar:ApiKey=" + apiKey);
        }

        WebApplication app = DurableAgentsHost.BuildAllInOne([.. settings]);
        try
        {
            await app.StartAsync(deadline.Token);
        }
        catch
        {
            await app.DisposeAsync();
            directory.Dispose();
            throw;
        }

        return new DashboardHost(directory, app, new Uri("http://" + http + "/"), new Uri("http://" + grpc + "/"), SidecarConnection.Open("http://" + grpc, apiKey), apiKey);
    }

    /// <summary>A request with the API key in <c>x-api-key</c>, as the dashboard's script sends it.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (ApiKey is not null)
        {
            request.Headers.Add("x-api-key", ApiKey);
        }

        return request;
    }

    /// <summary>Starts a supervisor run whose writing step waits for approval, and waits until the approval is listed.</summary>
    public async Task<(string InstanceId, string ApprovalName)> StartWaitingSupervisorAsync(string? instanceId = null)
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(
            SupervisorWorkflow.OrchestratorName,
            new SupervisorRequest("Research heat pumps and write a summary") { RiskyCapabilities = ["writing"] },
            instanceId is null ? null : new StartOrchestrationOptions(instanceId));
        JsonObject approval = await Deadline.UntilAsync(() => FindApprovalAsync(id), $"the approval of {id} to be listed");
        return (id, approval["name"]!.GetValue<string>());
    }

    private async Task<JsonObject?> FindApprovalAsync(string instanceId)
    {
        using HttpRequestMessage request = Request(HttpMethod.Get, "/api/approvals");
        using HttpResponseMessage response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonArray approvals = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        return approvals.OfType<JsonObject>().FirstOrDefault(a => a["instanceId"]?.GetValue<string>() == instanceId);
    }

    public async ValueTask DisposeAsync()
    {
        using CancellationTokenSource deadline = Deadline.Source();
        Http.Dispose();
        await Client.DisposeAsync();
        _connection.Dispose();
        await _app.StopAsync(deadline.Token);
        await _app.DisposeAsync();
        _directory.Dispose();
    }
}
