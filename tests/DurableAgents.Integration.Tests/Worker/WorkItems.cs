using DurableAgents.History;
using DurableAgents.Protocol;
using Google.Protobuf.WellKnownTypes;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Integration.Tests.Worker;

/// <summary>Builds the work items a sidecar sends, and the history events of a small hello orchestration.</summary>
internal static class WorkItems
{
    public static readonly DateTime Start = new(2026, 4, 1, 12, 0, 0, DateTimeKind.Utc);

    public static Proto.WorkItem Activity(string name, string? input, string instanceId = "i-1", int taskId = 1, string token = "a-token") => new()
    {
        CompletionToken = token,
        ActivityRequest = new Proto.ActivityRequest
        {
            Name = name,
            Input = input,
            TaskId = taskId,
            OrchestrationInstance = new Proto.OrchestrationInstance { InstanceId = instanceId, ExecutionId = "e-1" },
        },
    };

    public static Proto.WorkItem Orchestrator(
        string instanceId, IEnumerable<HistoryEvent> past, IEnumerable<HistoryEvent> @new, string token = "o-token", long? pastEventCount = null) => new()
    {
        CompletionToken = token,
        OrchestratorRequest = Request(instanceId, past, @new, pastEventCount),
    };

    public static Proto.OrchestratorRequest Request(
        string instanceId, IEnumerable<HistoryEvent> past, IEnumerable<HistoryEvent> @new, long? pastEventCount = null, string executionId = "e-1")
    {
        var request = new Proto.OrchestratorRequest { InstanceId = instanceId, ExecutionId = executionId };
        request.PastEvents.AddRange(ProtoConverter.ToProtoEvents(past));
        request.NewEvents.AddRange(ProtoConverter.ToProtoEvents(@new));
        if (pastEventCount is { } count)
        {
            request.Properties["durableagents.pastEventCount"] = Value.ForNumber(count);
        }

        return request;
    }

    /// <summary>The first episode of an instance of <paramref name="orchestrator"/> with JSON <paramref name="input"/>.</summary>
    public static HistoryEvent[] FirstEpisode(string orchestrator, string instanceId, string? input) =>
    [
        new OrchestratorStartedEvent(-1, Start),
        new ExecutionStartedEvent(-1, Start, orchestrator, instanceId, "e-1", input),
    ];

    /// <summary>An episode that delivers the result of task <paramref name="taskId"/>.</summary>
    public static HistoryEvent[] TaskCompletedEpisode(int taskId, string? result, int minute = 1) =>
    [
        new OrchestratorStartedEvent(-1, Start.AddMinutes(minute)),
        new TaskCompletedEvent(-1, Start.AddMinutes(minute), taskId, result),
    ];
}
