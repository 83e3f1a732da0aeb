using DurableAgents.Converters;
using DurableAgents.Protocol;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Sidecar;
using DurableAgents.Workflows.Research;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Host.Tests;

/// <summary>The host's worker mode: only the worker, against a sidecar started on its own.</summary>
public sealed class WorkerModeTests
{
    [Fact]
    public void ReadMode_HostModeSetting_SelectsWorkerOnlyAndDefaultsToAllInOne()
    {
        Assert.Equal(HostMode.Worker, DurableAgentsHost.ReadMode(["--Host:Mode=Worker"]));
        Assert.Equal(HostMode.AllInOne, DurableAgentsHost.ReadMode([]));
    }

    [Theory]
    [InlineData(WorkerExecutor.DurableAgents)]
    [InlineData(WorkerExecutor.Official)]
    public async Task BuildWorker_AgainstSeparateSidecar_RunsResearchAssistantStartedBeforeItConnected(WorkerExecutor executor)
    {
        using var directory = new TempDirectory();
        WebApplication sidecar = await StartSidecarOnlyAsync(directory.File("taskhub.db"));
        try
        {
            await RunResearchThroughSeparateWorkerAsync(sidecar, directory, executor);
        }
        finally
        {
            await sidecar.StopAsync(Deadline.Token());
            await sidecar.DisposeAsync();
        }
    }

    private static async Task RunResearchThroughSeparateWorkerAsync(WebApplication sidecar, TempDirectory directory, WorkerExecutor executor)
    {
        SidecarEndpoints endpoints = sidecar.Services.GetRequiredService<SidecarEndpoints>();
        using var api = new ManagementApi(endpoints.HttpAddress!, apiKey: null);
        using SidecarConnection connection = SidecarConnection.Open(endpoints.GrpcAddress.ToString());
        await using DurableTaskClient client = connection.CreateDurableTaskClient(WebJsonDataConverter.Default);

        // No worker exists yet: the sidecar accepts the start and keeps the instance until one connects.
        string id = await api.StartInstanceAsync(
            ResearchAssistantWorkflow.OrchestratorName, new { topic = "Battery storage for home solar in 2024", audience = "home owners" });

        using (HttpResponseMessage pending = await api.GetInstanceAsync(id))
        {
            // The sidecar alone runs nothing: with no worker connected, the instance cannot have started.
            Assert.Equal(HttpStatusCode.Accepted, pending.StatusCode);
            Assert.Equal("Pending", (await ManagementApi.ReadJsonAsync(pending))["runtimeStatus"]!.GetValue<string>());
        }

        string workerAddress = "http://127.0.0.1:" + endpoints.GrpcAddress.Port.ToString(CultureInfo.InvariantCulture);
        using IHost worker = DurableAgentsHost.BuildWorker(
        [
            "--Worker:Address=" + workerAddress,
            "--" + DurableAgentsHost.WorkerExecutorSetting + "=" + executor,
            "--Workflows:LedgerPath=" + directory.File("side-effects.jsonl"),
            "--Serilog:MinimumLevel:Default=Warning",
            "--Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning",
        ]);
        await worker.StartAsync(Deadline.Token());
        try
        {
            OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
            ResearchReport report = done.ReadOutputAs<ResearchReport>()!;
            Assert.Equal("Battery storage for home solar in 2024", report.Topic);
            Assert.Equal(["retrieving", "analysing", "writing"], report.Calls.Select(c => c.Step));
            Assert.Equal(["researcher", "analyst", "writer"], report.Calls.Select(c => c.Agent));
            Assert.StartsWith("[offline]", report.Report, StringComparison.Ordinal);
            Assert.True(report.TotalTokens > 0);

            using HttpResponseMessage status = await api.GetInstanceAsync(id);
            JsonNode body = await ManagementApi.ReadJsonAsync(status);
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            Assert.Equal("Completed", body["runtimeStatus"]!.GetValue<string>());
            Assert.Equal(report.Report, body["output"]!["report"]!.GetValue<string>());
        }
        finally
        {
            await worker.StopAsync(Deadline.Token());
        }
    }

    /// <summary>The sidecar composition alone (no worker): engine, SQLite store, gRPC and management API on OS-chosen ports.</summary>
    private static async Task<WebApplication> StartSidecarOnlyAsync(string databasePath)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args =
            [
                "--Sidecar:GrpcEndpoint=127.0.0.1:0",
                "--Sidecar:HttpEndpoint=127.0.0.1:0",
                "--TaskHub:Sqlite:DataSource=" + databasePath,
            ],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.AddDurableAgentsSidecar();
        WebApplication app = builder.Build();
        app.MapDurableAgentsSidecar();
        await app.StartAsync(Deadline.Token());
        return app;
    }
}
