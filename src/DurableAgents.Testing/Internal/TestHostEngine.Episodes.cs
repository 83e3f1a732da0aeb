using DurableAgents.Actions;
using DurableAgents.History;
using DurableAgents.Replay;
using Microsoft.DurableTask;

namespace DurableAgents.Testing.Internal;

/// <summary>Orchestration episodes: deliver the inbox, replay with the executor, append history, carry out actions.</summary>
internal sealed partial class TestHostEngine
{
    private async Task ProcessAsync(WorkItem item)
    {
        switch (item)
        {
            case OrchestrationWorkItem:
                lock (_lock)
                {
                    if (_instances.TryGetValue(item.InstanceId, out InstanceState? instance))
                    {
                        instance.IsQueued = false;
                        RunEpisodeLocked(instance);
                    }
                }

                break;
            case ActivityWorkItem activity:
                await RunActivityAsync(activity).ConfigureAwait(false);
                break;
        }
    }

    private void RunEpisodeLocked(InstanceState instance)
    {
        if (instance.Status.IsTerminal() || _now < instance.NotBefore)
        {
            return;
        }

        List<HistoryEvent> newEvents = TakeDeliverableEventsLocked(instance);
        if (newEvents.Count == 1)
        {
            return;
        }

        if (!_registry.TryGetOrchestrator(instance.Name, out Func<IServiceProvider, ITaskOrchestrator>? factory))
        {
            var notFound = new FailureDetails(
                "OrchestratorNotFound",
                $"No orchestrator named '{instance.Name}' is registered with the test host. Register it in DurableTaskTestHost.Start(tasks => tasks.AddOrchestrator...).");
            CommitEpisodeLocked(instance, newEvents, [new CompleteOrchestrationAction(1, OrchestrationStatus.Failed, null, notFound)], null);
            return;
        }

        OrchestratorExecutionResult result;
        try
        {
            result = _executor.Execute(factory(_services), instance.History, newEvents);
        }
        catch (Exception ex)
        {
            // Creating the orchestrator (dependency injection) or the executor itself failed: the instance fails.
            CommitEpisodeLocked(instance, newEvents, [new CompleteOrchestrationAction(-1, OrchestrationStatus.Failed, null, FailureDetails.FromException(ex))], null);
            return;
        }

        CommitEpisodeLocked(instance, newEvents, result.Actions, result.CustomStatus);
    }

    // The episode's new events: OrchestratorStarted stamped with virtual time, then the inbox in arrival order.
    // While suspended only suspend/resume/terminate pass; everything else waits in the inbox, in order, until resumed.
    private List<HistoryEvent> TakeDeliverableEventsLocked(InstanceState instance)
    {
        var newEvents = new List<HistoryEvent>(instance.Inbox.Count + 1) { new OrchestratorStartedEvent(-1, _now) };
        var held = new List<HistoryEvent>();
        bool suspended = instance.IsSuspended;
        foreach (HistoryEvent inboxEvent in instance.Inbox)
        {
            switch (inboxEvent)
            {
                case ExecutionSuspendedEvent:
                    if (!suspended)
                    {
                        suspended = true;
                        newEvents.Add(inboxEvent);
                    }

                    break;
                case ExecutionResumedEvent:
                    if (suspended)
                    {
                        suspended = false;
                        newEvents.Add(inboxEvent);
                        newEvents.AddRange(held);
                        held.Clear();
                    }

                    break;
                case ExecutionTerminatedEvent:
                    newEvents.Add(inboxEvent);
                    break;
                default:
                    (suspended ? held : newEvents).Add(inboxEvent);
                    break;
            }
        }

        instance.Inbox.Clear();
        instance.Inbox.AddRange(held);
        instance.IsSuspended = suspended;
        return newEvents;
    }

    private void CommitEpisodeLocked(InstanceState instance, List<HistoryEvent> newEvents, IReadOnlyList<OrchestratorAction> actions, string? customStatus)
    {
        instance.History.AddRange(EpisodeHistory.Append(newEvents, actions, _now));
        instance.CustomStatus = customStatus;
        instance.LastUpdatedAt = _now;
        instance.Status = instance.IsSuspended ? OrchestrationStatus.Suspended : OrchestrationStatus.Running;
        foreach (OrchestratorAction action in actions)
        {
            switch (action)
            {
                case ScheduleTaskAction a:
                    _ready.Enqueue(new ActivityWorkItem(instance.InstanceId, instance.ExecutionId, a.Id, a.Name, a.Version, a.Input));
                    break;
                case CreateTimerAction a:
                    AddTimerLocked(new PendingTimer(instance.InstanceId, instance.ExecutionId, a.FireAt, a.Id));
                    break;
                case CreateSubOrchestrationAction a:
                    StartSubOrchestrationLocked(instance, a);
                    break;
                case SendEventAction a:
                    if (_instances.TryGetValue(a.InstanceId, out InstanceState? target) && !target.Status.IsTerminal())
                    {
                        DeliverLocked(target, new EventRaisedEvent(-1, _now, a.Name, a.Data));
                    }
                    else
                    {
                        Logs.EventDropped(_logger, a.Name, a.InstanceId);
                    }

                    break;
                case TerminateOrchestrationAction a:
                    if (_instances.TryGetValue(a.InstanceId, out InstanceState? victim) && !victim.Status.IsTerminal())
                    {
                        victim.TerminateRecursively = a.Recurse;
                        DeliverLocked(victim, new ExecutionTerminatedEvent(-1, _now, a.Reason, a.Recurse));
                    }

                    break;
                case CompleteOrchestrationAction a:
                    CompleteLocked(instance, a);
                    break;
            }
        }

        Signal();
        CheckWaitersLocked(instance);
    }

    private void StartSubOrchestrationLocked(InstanceState parent, CreateSubOrchestrationAction action)
    {
        if (_instances.TryGetValue(action.InstanceId, out InstanceState? existing) && !existing.Status.IsTerminal())
        {
            var clash = new FailureDetails(
                typeof(InstanceAlreadyExistsException).FullName!,
                $"A sub-orchestration with instance id '{action.InstanceId}' already exists and is {existing.Status}.");
            DeliverLocked(parent, new SubOrchestrationInstanceFailedEvent(-1, _now, action.Id, clash));
            return;
        }

        var parentInfo = new ParentInstanceInfo(action.Id, parent.Name, parent.InstanceId, parent.ExecutionId);
        CreateInstanceLocked(action.InstanceId, action.Name, action.Version, action.Input, parentInfo, tags: null, startAt: null);
    }

    private void CompleteLocked(InstanceState instance, CompleteOrchestrationAction completion)
    {
        if (completion.Status == OrchestrationStatus.ContinuedAsNew)
        {
            // A new generation: fresh history and execution id, the new input, carried-over events, then anything held.
            var held = instance.Inbox.ToList();
            instance.Inbox.Clear();
            instance.ExecutionId = NextExecutionId(instance.InstanceId);
            instance.History = [];
            instance.Input = completion.Result;
            instance.Output = null;
            instance.Status = OrchestrationStatus.Running;
            instance.IsSuspended = false;
            instance.Inbox.Add(new ExecutionStartedEvent(
                -1, _now, instance.Name, instance.InstanceId, instance.ExecutionId, completion.Result,
                completion.NewVersion ?? instance.Version, instance.Parent, Tags: instance.Tags));
            instance.Inbox.AddRange(completion.CarryoverEvents ?? []);
            instance.Inbox.AddRange(held);
            QueueEpisodeLocked(instance);
            return;
        }

        instance.Status = completion.Status;
        instance.Output = completion.Result;
        instance.FailureDetails = completion.FailureDetails;
        instance.CompletedAt = _now;
        instance.IsSuspended = false;
        instance.Inbox.Clear();
        NotifyParentLocked(instance, completion);
        if (completion.Status == OrchestrationStatus.Terminated && instance.TerminateRecursively)
        {
            foreach (InstanceState child in _instances.Values.Where(c => c.Parent?.InstanceId == instance.InstanceId && !c.Status.IsTerminal()).ToList())
            {
                child.TerminateRecursively = true;
                DeliverLocked(child, new ExecutionTerminatedEvent(-1, _now, completion.Result, true));
            }
        }
    }

    private void NotifyParentLocked(InstanceState child, CompleteOrchestrationAction completion)
    {
        if (child.Parent is not { } parentInfo
            || !_instances.TryGetValue(parentInfo.InstanceId, out InstanceState? parent)
            || parent.ExecutionId != parentInfo.ExecutionId
            || parent.Status.IsTerminal())
        {
            return;
        }

        HistoryEvent answer = completion.Status switch
        {
            OrchestrationStatus.Completed => new SubOrchestrationInstanceCompletedEvent(-1, _now, parentInfo.TaskScheduledId, completion.Result),
            OrchestrationStatus.Failed => new SubOrchestrationInstanceFailedEvent(-1, _now, parentInfo.TaskScheduledId, completion.FailureDetails!),
            _ => new SubOrchestrationInstanceFailedEvent(-1, _now, parentInfo.TaskScheduledId, new FailureDetails(
                "OrchestrationTerminated", $"Sub-orchestration '{child.InstanceId}' was terminated: {completion.Result ?? "no reason given"}")),
        };
        DeliverLocked(parent, answer);
    }

    private void CheckWaitersLocked(InstanceState instance)
    {
        for (int i = instance.Waiters.Count - 1; i >= 0; i--)
        {
            InstanceWaiter waiter = instance.Waiters[i];
            if (waiter.Condition(instance.Status))
            {
                instance.Waiters.RemoveAt(i);
                _timeDemand--;
                waiter.Completion.TrySetResult(instance.ToMetadata(waiter.GetInputsAndOutputs, _converter));
            }
        }
    }
}
