using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DurableAgents.Agents;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Workflows.Research;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Observability;

/// <summary>The "DurableAgents" meter of the all-in-one host, read with a MeterListener scoped to the host's meter factory.</summary>
public sealed class HostMetricsTests
{
    [Fact]
    public async Task ResearchRun_RecordsStartAndCompletionActivityDurationsAndTokensAndCostPerAgent()
    {
        using var setup = new HostSetup();
        await using RunningHost host = await setup.StartAsync();
        IMeterFactory meters = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Meter.Name == "DurableAgents")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, ToDictionary(tags))));
        listener.Start();

        string id = await host.Api.StartInstanceAsync(ResearchAssistantWorkflow.OrchestratorName, new { topic = "Heat pumps in cold climates" });
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, cancellation: Deadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);

        Assert.Equal(1, Sum("durableagents.orchestrations.started", "durabletask.task.name", ResearchAssistantWorkflow.OrchestratorName));
        Assert.Equal(1, Sum("durableagents.orchestrations.completed", "durabletask.task.name", ResearchAssistantWorkflow.OrchestratorName));
        var agentRuns = measurements.Where(m => m.Instrument == "durableagents.activity.duration"
            && (string?)m.Tags["durabletask.task.name"] == InvokeAgentActivity.ActivityName).ToArray();
        Assert.NotEmpty(agentRuns);
        Assert.All(agentRuns, m => Assert.Equal("completed", m.Tags["durableagents.outcome"]));
        Assert.All(agentRuns, m => Assert.True(m.Value >= 0));

        var tokens = measurements.Where(m => m.Instrument == "durableagents.agent.tokens").ToArray();
        Assert.Contains(tokens, m => (string?)m.Tags["gen_ai.token.type"] == "input" && m.Value > 0);
        Assert.Contains(tokens, m => (string?)m.Tags["gen_ai.token.type"] == "output" && m.Value > 0);
        Assert.All(tokens, m => Assert.False(string.IsNullOrEmpty((string?)m.Tags["gen_ai.agent.name"])));
        Assert.Contains(measurements, m => m.Instrument == "durableagents.agent.cost" && m.Tags.ContainsKey("gen_ai.agent.name"));

        double Sum(string instrument, string tag, string value) =>
            measurements.Where(m => m.Instrument == instrument && (string?)m.Tags.GetValueOrDefault(tag) == value).Sum(m => m.Value);
    }

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
