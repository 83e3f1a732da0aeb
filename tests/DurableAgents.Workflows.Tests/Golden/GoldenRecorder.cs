using System.Globalization;
using DurableAgents.Agents;
using DurableAgents.Approvals;
using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Host;
using DurableAgents.Protocol;
using DurableAgents.TestSupport;
using DurableAgents.Workflows.SideEffects;
using DurableAgents.Workflows.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// Records a scenario's history on the real engine: the all-in-one host (<see cref="DurableAgentsHost.BuildAllInOne"/>:
/// sidecar, SQLite store in a temp folder, our worker connected over gRPC) with the offline agents, real time and the
/// scenario's doubles. The history is read back through the sidecar's gRPC endpoint (<see cref="SidecarHistoryReader"/>), as the CLI's export reads it.
/// </summary>
internal static class GoldenRecorder
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Runs <paramref name="scenario"/> to its end on a fresh host and returns the instance's whole history.</summary>
    public static async Task<IReadOnlyList<HistoryEvent>> RecordAsync(GoldenScenario scenario)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        using var directory = new TempDirectory("golden");
        int[] ports = FreePorts.Reserve(2);
        string grpcEndpoint = "127.0.0.1:" + ports[0].ToString(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Sidecar:GrpcEndpoint"] = grpcEndpoint,
            ["Sidecar:HttpEndpoint"] = "127.0.0.1:" + ports[1].ToString(CultureInfo.InvariantCulture),
            ["TaskHub:Sqlite:DataSource"] = directory.File("taskhub.db"),
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Serilog:MinimumLevel:Override:DurableAgents.TaskHub"] = "Warning",
        };
        foreach (string agent in scenario.Models.Keys)
        {
            // Any provider but Offline: the double answers, and the workflows treat it as a real model.
            settings[$"Agents:Definitions:{agent}:Provider"] = "OpenAiCompatible";
        }

        WebApplication app = DurableAgentsHost.BuildAllInOne(
            [.. settings.Select(s => $"--{s.Key}={s.Value}")],
            builder => UseScenarioDoubles(builder.Services, scenario));
        try
        {
            await app.StartAsync(timeout.Token);
            using SidecarConnection connection = SidecarConnection.Open(grpcEndpoint);

            // The official client with the host's camelCase converter, as the CLI and the HTTP API send inputs and events.
            await using DurableTaskClient client = connection.CreateDurableTaskClient(WebJsonDataConverter.Default);
            await client.ScheduleNewOrchestrationInstanceAsync(
                scenario.Orchestrator, scenario.Input, new StartOrchestrationOptions(scenario.InstanceId), timeout.Token);
            if (scenario.Drive is not null)
            {
                await scenario.Drive(new Run(client, scenario.InstanceId, timeout.Token));
            }

            OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(scenario.InstanceId, cancellation: timeout.Token);
            Assert.True(done.IsCompleted, $"{scenario.Name} ended {done.RuntimeStatus}.");
            return await new SidecarHistoryReader(connection).GetHistoryAsync(scenario.InstanceId, timeout.Token);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    // Registered before the host adds the shipped services, which keep a ledger and a model factory already present.
    private static void UseScenarioDoubles(IServiceCollection services, GoldenScenario scenario)
    {
        services.AddSingleton(scenario.CreateLedger());
        if (scenario.Models.Count > 0)
        {
            Dictionary<string, IChatClient> models = scenario.Models.ToDictionary(m => m.Key, m => m.Value(), StringComparer.OrdinalIgnoreCase);
            services.AddSingleton(sp => new ChatClientFactory(sp.GetRequiredService<IOptions<AgentsOptions>>().Value));
            services.AddSingleton<IChatClientFactory>(sp => new CountingChatClientFactory(sp.GetRequiredService<ChatClientFactory>(), models));
        }
    }

    /// <summary>The running instance, as a scenario's <see cref="GoldenScenario.Drive"/> sees it.</summary>
    internal sealed class Run(DurableTaskClient client, string instanceId, CancellationToken cancellation)
    {
        /// <summary>Waits until the instance asks for <paramref name="approvalName"/>, then answers it.</summary>
        public async Task AnswerApprovalAsync(string approvalName, ApprovalDecision decision)
        {
            // The custom status is the only sign of the wait; no notification exists, so it is polled.
            while (true)
            {
                OrchestrationMetadata? state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellation);
                if (ApprovalCustomStatus.TryParse(state?.SerializedCustomStatus, out ApprovalCustomStatus? status)
                    && status.WaitingForApproval?.Name == approvalName)
                {
                    break;
                }

                Assert.False(state?.IsCompleted ?? false, $"{instanceId} ended {state?.RuntimeStatus} without asking for approval '{approvalName}'.");
                await Task.Delay(PollInterval, cancellation);
            }

            await client.RaiseEventAsync(instanceId, ApprovalContextExtensions.GetEventName(approvalName), decision, cancellation);
        }
    }
}
