using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Agents.Calls;
using DurableAgents.History;

namespace DurableAgents.Workflows.Tests.Infrastructure;

/// <summary>Questions tests ask of an instance's history.</summary>
internal static class HistoryQueries
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Every InvokeAgent call scheduled (each one is one execution of the activity).</summary>
    public static IReadOnlyList<TaskScheduledEvent> AgentCalls(this IEnumerable<HistoryEvent> history) =>
        history.OfType<TaskScheduledEvent>().Where(e => e.Name == InvokeAgentActivity.ActivityName).ToList();

    /// <summary>The AgentRequest a scheduled InvokeAgent call carried.</summary>
    public static AgentRequest Request(this TaskScheduledEvent scheduled) =>
        JsonSerializer.Deserialize<AgentRequest>(scheduled.Input!, Web)!;

    /// <summary>Activities scheduled with <paramref name="name"/>, in order.</summary>
    public static IReadOnlyList<TaskScheduledEvent> Scheduled(this IEnumerable<HistoryEvent> history, string name) =>
        history.OfType<TaskScheduledEvent>().Where(e => e.Name == name).ToList();

    /// <summary>The failure details of every failed InvokeAgent call.</summary>
    public static IReadOnlyList<TaskFailedEvent> Failures(this IList<HistoryEvent> history, string activityName)
    {
        var names = history.OfType<TaskScheduledEvent>().ToDictionary(e => e.EventId, e => e.Name);
        return history.OfType<TaskFailedEvent>().Where(f => names[f.TaskScheduledId] == activityName).ToList();
    }
}
