using DurableAgents.Actions;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Protocol;

/// <summary>Orchestrator actions: every record kind maps to its <c>OrchestratorAction.orchestratorActionType</c> case and back.</summary>
public static partial class ProtoConverter
{
    /// <summary>An action record as the protocol's OrchestratorAction.</summary>
    public static P.OrchestratorAction ToProto(OrchestratorAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var proto = new P.OrchestratorAction { Id = action.Id };
        switch (action)
        {
            case ScheduleTaskAction a:
                proto.ScheduleTask = new P.ScheduleTaskAction
                {
                    Name = a.Name,
                    Input = a.Input,
                    Version = a.Version,
                    ParentTraceContext = ToProto(a.ParentTraceContext),
                };
                CopyTags(a.Tags, proto.ScheduleTask.Tags);
                break;
            case CreateSubOrchestrationAction a:
                proto.CreateSubOrchestration = new P.CreateSubOrchestrationAction
                {
                    InstanceId = a.InstanceId,
                    Name = a.Name,
                    Input = a.Input,
                    Version = a.Version,
                    ParentTraceContext = ToProto(a.ParentTraceContext),
                };
                CopyTags(a.Tags, proto.CreateSubOrchestration.Tags);
                break;
            case CreateTimerAction a:
                proto.CreateTimer = new P.CreateTimerAction { FireAt = ToTimestamp(a.FireAt) };
                break;
            case SendEventAction a:
                proto.SendEvent = new P.SendEventAction
                {
                    Instance = new P.OrchestrationInstance { InstanceId = a.InstanceId },
                    Name = a.Name,
                    Data = a.Data,
                };
                break;
            case CompleteOrchestrationAction a:
                proto.CompleteOrchestration = new P.CompleteOrchestrationAction
                {
                    OrchestrationStatus = ToProto(a.Status),
                    Result = a.Result,
                    FailureDetails = a.FailureDetails is null ? null : ToProto(a.FailureDetails),
                    NewVersion = a.NewVersion,
                };
                if (a.CarryoverEvents is not null)
                {
                    proto.CompleteOrchestration.CarryoverEvents.AddRange(ToProtoEvents(a.CarryoverEvents));
                }

                break;
            case TerminateOrchestrationAction a:
                proto.TerminateOrchestration = new P.TerminateOrchestrationAction
                {
                    InstanceId = a.InstanceId,
                    Reason = a.Reason,
                    Recurse = a.Recurse,
                };
                break;
            default:
                throw new ArgumentException($"The action type '{action.GetType().Name}' has no protocol mapping.", nameof(action));
        }

        return proto;
    }

    /// <summary>The protocol's OrchestratorAction as an action record.</summary>
    /// <exception cref="NotSupportedException">The action sends an entity message or rewinds, which DurableAgents does not support.</exception>
    public static OrchestratorAction ToAction(P.OrchestratorAction proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        var id = proto.Id;
        return proto.OrchestratorActionTypeCase switch
        {
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask => new ScheduleTaskAction(
                id,
                proto.ScheduleTask.Name,
                proto.ScheduleTask.Input,
                proto.ScheduleTask.Version,
                ToTags(proto.ScheduleTask.Tags),
                ToTraceContext(proto.ScheduleTask.ParentTraceContext)),
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration => new CreateSubOrchestrationAction(
                id,
                proto.CreateSubOrchestration.InstanceId,
                proto.CreateSubOrchestration.Name,
                proto.CreateSubOrchestration.Input,
                proto.CreateSubOrchestration.Version,
                ToTags(proto.CreateSubOrchestration.Tags),
                ToTraceContext(proto.CreateSubOrchestration.ParentTraceContext)),
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer => new CreateTimerAction(id, ToDateTime(proto.CreateTimer.FireAt)),
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.SendEvent => new SendEventAction(
                id,
                proto.SendEvent.Instance?.InstanceId ?? string.Empty,
                proto.SendEvent.Name,
                proto.SendEvent.Data),
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration => ToRecord(id, proto.CompleteOrchestration),
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.TerminateOrchestration => new TerminateOrchestrationAction(
                id,
                proto.TerminateOrchestration.InstanceId,
                proto.TerminateOrchestration.Reason,
                proto.TerminateOrchestration.Recurse),
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.None => throw new ArgumentException(
                $"Action {id} has no action type set; the sender must set one case of OrchestratorAction.orchestratorActionType.", nameof(proto)),
            _ => throw new NotSupportedException(
                $"Action {id} is a {proto.OrchestratorActionTypeCase} action; DurableAgents supports neither durable entities nor rewind."),
        };
    }

    /// <summary>Action records as protocol messages, e.g. for <c>OrchestratorResponse.Actions.AddRange</c>.</summary>
    public static IEnumerable<P.OrchestratorAction> ToProtoActions(IEnumerable<OrchestratorAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        return actions.Select(ToProto);
    }

    /// <summary>Protocol actions as records.</summary>
    public static List<OrchestratorAction> ToActions(IEnumerable<P.OrchestratorAction> protoActions)
    {
        ArgumentNullException.ThrowIfNull(protoActions);
        var result = protoActions is ICollection<P.OrchestratorAction> collection ? new List<OrchestratorAction>(collection.Count) : [];
        foreach (var proto in protoActions)
        {
            result.Add(ToAction(proto));
        }

        return result;
    }

    private static CompleteOrchestrationAction ToRecord(int id, P.CompleteOrchestrationAction proto) => new(
        id,
        ToStatus(proto.OrchestrationStatus),
        proto.Result,
        ToFailureDetails(proto.FailureDetails),
        proto.NewVersion,
        proto.CarryoverEvents.Count == 0 ? null : ToHistoryEvents(proto.CarryoverEvents));
}
