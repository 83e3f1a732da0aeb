using System.Text.Json;
using DurableAgents.Agents;
using DurableAgents.Agents.Calls;
using DurableAgents.History;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>Questions tests ask of an instance's history.</summary>
internal static class HistoryFacts
{
    public static int Count<TEvent>(this IEnumerable<HistoryEvent> history)
        where TEvent : HistoryEvent => history.OfType<TEvent>().Count();

    /// <summary>The activities scheduled under <paramref name="name"/>, in order.</summary>
    public static IReadOnlyList<TaskScheduledEvent> Scheduled(this IEnumerable<HistoryEvent> history, string name) =>
        history.OfType<TaskScheduledEvent>().Where(e => e.Name == name).ToList();

    /// <summary>How many InvokeAgent activities were scheduled for each agent.</summary>
    public static IReadOnlyDictionary<string, int> AgentCallsByAgent(this IEnumerable<HistoryEvent> history) =>
        history.Scheduled(InvokeAgentActivity.ActivityName)
            .Select(e => JsonSerializer.Deserialize<AgentRequest>(e.Input!, JsonSerializerOptions.Web)!.AgentName)
            .GroupBy(agent => agent, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>A stable description of one event: its kind, id and what it recorded.</summary>
    public static string Describe(HistoryEvent e) => e switch
    {
        TaskScheduledEvent s => $"{e.EventId} TaskScheduled {s.Name} {s.Input}",
        TaskCompletedEvent c => $"{e.EventId} TaskCompleted {c.TaskScheduledId} {c.Result}",
        EventRaisedEvent r => $"{e.EventId} EventRaised {r.Name} {r.Input}",
        _ => $"{e.EventId} {e.GetType().Name}",
    };
}
