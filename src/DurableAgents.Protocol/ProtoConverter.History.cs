using DurableAgents.History;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Protocol;

/// <summary>History events: every record kind maps to its <c>HistoryEvent.eventType</c> case and back.</summary>
public static partial class ProtoConverter
{
    /// <summary>A history record as the protocol's HistoryEvent.</summary>
    public static P.HistoryEvent ToProto(HistoryEvent historyEvent)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        var proto = new P.HistoryEvent { EventId = historyEvent.EventId, Timestamp = ToTimestamp(historyEvent.Timestamp) };
        switch (historyEvent)
        {
            case ExecutionStartedEvent e:
                proto.ExecutionStarted = ToProto(e);
                break;
            case ExecutionCompletedEvent e:
                proto.ExecutionCompleted = new P.ExecutionCompletedEvent
                {
                    OrchestrationStatus = ToProto(e.Status),
                    Result = e.Result,
                    FailureDetails = e.FailureDetails is null ? null : ToProto(e.FailureDetails),
                };
                break;
            case ExecutionTerminatedEvent e:
                proto.ExecutionTerminated = new P.ExecutionTerminatedEvent { Input = e.Input, Recurse = e.Recurse };
                break;
            case ExecutionSuspendedEvent e:
                proto.ExecutionSuspended = new P.ExecutionSuspendedEvent { Input = e.Reason };
                break;
            case ExecutionResumedEvent e:
                proto.ExecutionResumed = new P.ExecutionResumedEvent { Input = e.Reason };
                break;
            case ExecutionRewoundEvent e:
                proto.ExecutionRewound = new P.ExecutionRewoundEvent { Reason = e.Reason };
                break;
            case ContinueAsNewEvent e:
                proto.ContinueAsNew = new P.ContinueAsNewEvent { Input = e.Input };
                break;
            case TaskScheduledEvent e:
                proto.TaskScheduled = new P.TaskScheduledEvent
                {
                    Name = e.Name,
                    Input = e.Input,
                    Version = e.Version,
                    ParentTraceContext = ToProto(e.ParentTraceContext),
                };
                CopyTags(e.Tags, proto.TaskScheduled.Tags);
                break;
            case TaskCompletedEvent e:
                proto.TaskCompleted = new P.TaskCompletedEvent { TaskScheduledId = e.TaskScheduledId, Result = e.Result };
                break;
            case TaskFailedEvent e:
                proto.TaskFailed = new P.TaskFailedEvent { TaskScheduledId = e.TaskScheduledId, FailureDetails = ToProto(e.FailureDetails) };
                break;
            case SubOrchestrationInstanceCreatedEvent e:
                proto.SubOrchestrationInstanceCreated = new P.SubOrchestrationInstanceCreatedEvent
                {
                    InstanceId = e.InstanceId,
                    Name = e.Name,
                    Input = e.Input,
                    Version = e.Version,
                    ParentTraceContext = ToProto(e.ParentTraceContext),
                };
                CopyTags(e.Tags, proto.SubOrchestrationInstanceCreated.Tags);
                break;
            case SubOrchestrationInstanceCompletedEvent e:
                proto.SubOrchestrationInstanceCompleted = new P.SubOrchestrationInstanceCompletedEvent
                {
                    TaskScheduledId = e.TaskScheduledId,
                    Result = e.Result,
                };
                break;
            case SubOrchestrationInstanceFailedEvent e:
                proto.SubOrchestrationInstanceFailed = new P.SubOrchestrationInstanceFailedEvent
                {
                    TaskScheduledId = e.TaskScheduledId,
                    FailureDetails = ToProto(e.FailureDetails),
                };
                break;
            case TimerCreatedEvent e:
                proto.TimerCreated = new P.TimerCreatedEvent { FireAt = ToTimestamp(e.FireAt) };
                break;
            case TimerFiredEvent e:
                proto.TimerFired = new P.TimerFiredEvent { TimerId = e.TimerId, FireAt = ToTimestamp(e.FireAt) };
                break;
            case OrchestratorStartedEvent:
                proto.OrchestratorStarted = new P.OrchestratorStartedEvent();
                break;
            case OrchestratorCompletedEvent:
                proto.OrchestratorCompleted = new P.OrchestratorCompletedEvent();
                break;
            case EventSentEvent e:
                proto.EventSent = new P.EventSentEvent { InstanceId = e.InstanceId, Name = e.Name, Input = e.Input };
                break;
            case EventRaisedEvent e:
                proto.EventRaised = new P.EventRaisedEvent { Name = e.Name, Input = e.Input };
                break;
            case GenericEvent e:
                proto.GenericEvent = new P.GenericEvent { Data = e.Data };
                break;
            case HistoryStateEvent e:
                proto.HistoryState = new P.HistoryStateEvent
                {
                    OrchestrationState = new P.OrchestrationState { InstanceId = e.InstanceId, Name = e.Name, OrchestrationStatus = ToProto(e.Status) },
                };
                break;
            default:
                throw new ArgumentException($"The history event type '{historyEvent.GetType().Name}' has no protocol mapping.", nameof(historyEvent));
        }

        return proto;
    }

    /// <summary>The protocol's HistoryEvent as a history record.</summary>
    /// <exception cref="NotSupportedException">The event is an entity event, which DurableAgents does not model.</exception>
    public static HistoryEvent ToHistoryEvent(P.HistoryEvent proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        var id = proto.EventId;
        var at = ToDateTime(proto.Timestamp);
        return proto.EventTypeCase switch
        {
            P.HistoryEvent.EventTypeOneofCase.ExecutionStarted => ToRecord(id, at, proto.ExecutionStarted),
            P.HistoryEvent.EventTypeOneofCase.ExecutionCompleted => new ExecutionCompletedEvent(
                id,
                at,
                ToStatus(proto.ExecutionCompleted.OrchestrationStatus),
                proto.ExecutionCompleted.Result,
                ToFailureDetails(proto.ExecutionCompleted.FailureDetails)),
            P.HistoryEvent.EventTypeOneofCase.ExecutionTerminated => new ExecutionTerminatedEvent(
                id, at, proto.ExecutionTerminated.Input, proto.ExecutionTerminated.Recurse),
            P.HistoryEvent.EventTypeOneofCase.ExecutionSuspended => new ExecutionSuspendedEvent(id, at, proto.ExecutionSuspended.Input),
            P.HistoryEvent.EventTypeOneofCase.ExecutionResumed => new ExecutionResumedEvent(id, at, proto.ExecutionResumed.Input),
            P.HistoryEvent.EventTypeOneofCase.ExecutionRewound => new ExecutionRewoundEvent(id, at, proto.ExecutionRewound.Reason),
            P.HistoryEvent.EventTypeOneofCase.ContinueAsNew => new ContinueAsNewEvent(id, at, proto.ContinueAsNew.Input),
            P.HistoryEvent.EventTypeOneofCase.TaskScheduled => new TaskScheduledEvent(
                id,
                at,
                proto.TaskScheduled.Name,
                proto.TaskScheduled.Input,
                proto.TaskScheduled.Version,
                ToTags(proto.TaskScheduled.Tags),
                ToTraceContext(proto.TaskScheduled.ParentTraceContext)),
            P.HistoryEvent.EventTypeOneofCase.TaskCompleted => new TaskCompletedEvent(
                id, at, proto.TaskCompleted.TaskScheduledId, proto.TaskCompleted.Result),
            P.HistoryEvent.EventTypeOneofCase.TaskFailed => new TaskFailedEvent(
                id, at, proto.TaskFailed.TaskScheduledId, RequiredFailureDetails(proto.TaskFailed.FailureDetails, "TaskFailed")),
            P.HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated => new SubOrchestrationInstanceCreatedEvent(
                id,
                at,
                proto.SubOrchestrationInstanceCreated.InstanceId,
                proto.SubOrchestrationInstanceCreated.Name,
                proto.SubOrchestrationInstanceCreated.Input,
                proto.SubOrchestrationInstanceCreated.Version,
                ToTags(proto.SubOrchestrationInstanceCreated.Tags),
                ToTraceContext(proto.SubOrchestrationInstanceCreated.ParentTraceContext)),
            P.HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCompleted => new SubOrchestrationInstanceCompletedEvent(
                id, at, proto.SubOrchestrationInstanceCompleted.TaskScheduledId, proto.SubOrchestrationInstanceCompleted.Result),
            P.HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceFailed => new SubOrchestrationInstanceFailedEvent(
                id,
                at,
                proto.SubOrchestrationInstanceFailed.TaskScheduledId,
                RequiredFailureDetails(proto.SubOrchestrationInstanceFailed.FailureDetails, "SubOrchestrationInstanceFailed")),
            P.HistoryEvent.EventTypeOneofCase.TimerCreated => new TimerCreatedEvent(id, at, ToDateTime(proto.TimerCreated.FireAt)),
            P.HistoryEvent.EventTypeOneofCase.TimerFired => new TimerFiredEvent(id, at, proto.TimerFired.TimerId, ToDateTime(proto.TimerFired.FireAt)),
            P.HistoryEvent.EventTypeOneofCase.OrchestratorStarted => new OrchestratorStartedEvent(id, at),
            P.HistoryEvent.EventTypeOneofCase.OrchestratorCompleted => new OrchestratorCompletedEvent(id, at),
            P.HistoryEvent.EventTypeOneofCase.EventSent => new EventSentEvent(
                id, at, proto.EventSent.InstanceId, proto.EventSent.Name, proto.EventSent.Input),
            P.HistoryEvent.EventTypeOneofCase.EventRaised => new EventRaisedEvent(id, at, proto.EventRaised.Name, proto.EventRaised.Input),
            P.HistoryEvent.EventTypeOneofCase.GenericEvent => new GenericEvent(id, at, proto.GenericEvent.Data),
            P.HistoryEvent.EventTypeOneofCase.HistoryState => new HistoryStateEvent(
                id,
                at,
                proto.HistoryState.OrchestrationState?.InstanceId ?? string.Empty,
                proto.HistoryState.OrchestrationState?.Name ?? string.Empty,
                ToStatus(proto.HistoryState.OrchestrationState?.OrchestrationStatus ?? P.OrchestrationStatus.Running)),
            P.HistoryEvent.EventTypeOneofCase.None => throw new ArgumentException(
                $"History event {id} has no event type set; the sender must set one case of HistoryEvent.eventType.", nameof(proto)),
            _ => throw new NotSupportedException(
                $"History event {id} is a {proto.EventTypeCase} event; DurableAgents does not support durable entities."),
        };
    }

    /// <summary>History records as protocol messages, e.g. for <c>OrchestratorRequest.PastEvents.AddRange</c>.</summary>
    public static IEnumerable<P.HistoryEvent> ToProtoEvents(IEnumerable<HistoryEvent> historyEvents)
    {
        ArgumentNullException.ThrowIfNull(historyEvents);
        return historyEvents.Select(ToProto);
    }

    /// <summary>Protocol history events as records.</summary>
    public static List<HistoryEvent> ToHistoryEvents(IEnumerable<P.HistoryEvent> protoEvents)
    {
        ArgumentNullException.ThrowIfNull(protoEvents);
        var result = protoEvents is ICollection<P.HistoryEvent> collection ? new List<HistoryEvent>(collection.Count) : [];
        foreach (var proto in protoEvents)
        {
            result.Add(ToHistoryEvent(proto));
        }

        return result;
    }

    private static P.ExecutionStartedEvent ToProto(ExecutionStartedEvent e)
    {
        var proto = new P.ExecutionStartedEvent
        {
            Name = e.Name,
            Version = e.Version,
            Input = e.Input,
            OrchestrationInstance = new P.OrchestrationInstance { InstanceId = e.InstanceId, ExecutionId = e.ExecutionId },
            ScheduledStartTimestamp = ToTimestamp(e.ScheduledStartTime),
            ParentTraceContext = ToProto(e.ParentTraceContext),
        };
        if (e.ParentInstance is { } parent)
        {
            proto.ParentInstance = new P.ParentInstanceInfo
            {
                TaskScheduledId = parent.TaskScheduledId,
                Name = parent.Name,
                OrchestrationInstance = new P.OrchestrationInstance { InstanceId = parent.InstanceId, ExecutionId = parent.ExecutionId },
            };
        }

        CopyTags(e.Tags, proto.Tags);
        return proto;
    }

    private static ExecutionStartedEvent ToRecord(int id, DateTime at, P.ExecutionStartedEvent proto)
    {
        var parent = proto.ParentInstance is { } p
            ? new ParentInstanceInfo(
                p.TaskScheduledId,
                p.Name ?? string.Empty,
                p.OrchestrationInstance?.InstanceId ?? string.Empty,
                p.OrchestrationInstance?.ExecutionId)
            : null;

        // SDKs send the epoch for "start now" (durabletask-js always sets the field), so it means no scheduled start.
        var scheduled = proto.ScheduledStartTimestamp is { Seconds: 0, Nanos: 0 } ? null : ToNullableDateTime(proto.ScheduledStartTimestamp);
        return new ExecutionStartedEvent(
            id,
            at,
            proto.Name,
            proto.OrchestrationInstance?.InstanceId ?? string.Empty,
            proto.OrchestrationInstance?.ExecutionId,
            proto.Input,
            proto.Version,
            parent,
            scheduled,
            ToTags(proto.Tags),
            ToTraceContext(proto.ParentTraceContext));
    }
}
