using DurableAgents.Protocol;
using DurableAgents.TaskHub;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>Engine work items as the protocol's WorkItem messages, each carrying its completion token (field 10).</summary>
internal static class WorkItemMapper
{
    /// <summary>
    /// The OrchestratorRequest property that carries the stored history length when the past events are left out for a
    /// worker with the history-cache capability (see src/DurableAgents.Worker/README.md).
    /// </summary>
    public const string PastEventCountProperty = "durableagents.pastEventCount";

    public static P.WorkItem ToProto(WorkItem workItem) => workItem switch
    {
        OrchestratorWorkItem orchestrator => new P.WorkItem
        {
            OrchestratorRequest = ToProto(orchestrator),
            CompletionToken = orchestrator.CompletionToken,
        },
        ActivityWorkItem activity => new P.WorkItem
        {
            ActivityRequest = ToProto(activity),
            CompletionToken = activity.CompletionToken,
        },
        _ => throw new NotSupportedException($"The work item type {workItem.GetType().Name} has no protocol message."),
    };

    private static P.OrchestratorRequest ToProto(OrchestratorWorkItem workItem)
    {
        var request = new P.OrchestratorRequest
        {
            InstanceId = workItem.InstanceId,
            ExecutionId = workItem.ExecutionId,

            // The official worker continues this span (id and start time) instead of starting a new one per episode.
            OrchestrationTraceContext = ProtoConverter.ToProto(workItem.TraceContext),
        };
        request.PastEvents.AddRange(ProtoConverter.ToProtoEvents(workItem.PastEvents));
        request.NewEvents.AddRange(ProtoConverter.ToProtoEvents(workItem.NewEvents));
        if (workItem.PastEventsOmitted)
        {
            request.Properties[PastEventCountProperty] = Value.ForNumber(workItem.PastEventCount);
        }

        return request;
    }

    private static P.ActivityRequest ToProto(ActivityWorkItem workItem)
    {
        var request = new P.ActivityRequest
        {
            Name = workItem.Name,
            Version = workItem.Version,
            Input = workItem.Input,
            TaskId = workItem.TaskId,
            OrchestrationInstance = new P.OrchestrationInstance { InstanceId = workItem.InstanceId, ExecutionId = workItem.ExecutionId },
            ParentTraceContext = ProtoConverter.ToProto(workItem.ParentTraceContext),
        };
        if (workItem.Tags is not null)
        {
            foreach ((string key, string value) in workItem.Tags)
            {
                request.Tags[key] = value;
            }
        }

        return request;
    }
}
