using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub;

/// <summary>
/// On a shared store: client waits and episode planning for instances another engine runs (sub-orchestration ids in use
/// elsewhere, children to terminate elsewhere).
/// </summary>
public sealed partial class TaskHubEngine
{
    /// <summary>
    /// Waits for a change of the instance: a commit of this engine wakes the waiter at once; for an instance this engine
    /// does not run, nobody else would, so the waiter also looks at the store every <see cref="TaskHubOptions.InboxPollInterval"/>.
    /// </summary>
    private async Task WaitForChangeAsync(string instanceId, Task changed, CancellationToken cancellation)
    {
        bool runsHere;
        lock (_gate)
        {
            runsHere = _ownership is null || _active.ContainsKey(instanceId);
        }

        if (runsHere)
        {
            await changed.WaitAsync(cancellation).ConfigureAwait(false);
            return;
        }

        try
        {
            await changed.WaitAsync(_options.InboxPollInterval, _time, cancellation).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Time to read the store again.
        }
    }

    /// <summary>
    /// Under the lock: a child start of <paramref name="parent"/> failed because an instance with the child's id
    /// is active on another engine; the next attempt of the episode reports the call as failed instead of failing again.
    /// </summary>
    private static void NoteRefusedChildStart(InstanceState parent, InstanceCondition failed)
    {
        if (failed.Kind == InstanceConditionKind.NotActive && failed.InstanceId != parent.InstanceId)
        {
            (parent.RefusedChildStarts ??= new HashSet<string>(StringComparer.Ordinal)).Add(failed.InstanceId);
        }
    }

    /// <summary>Under the lock: true (once) when the child's start was refused for this parent before.</summary>
    private bool TakeRefusedChildStart(string parentId, string childId) =>
        _active.TryGetValue(parentId, out InstanceState? parent) && parent.RefusedChildStarts?.Remove(childId) == true;

    /// <summary>Under the lock: children the terminated instance started that may run on other engines (from its history in memory).</summary>
    private IEnumerable<string> ChildrenElsewhere(InstanceState state)
    {
        if (_ownership is null || state.History is not { } log)
        {
            return [];
        }

        var open = new Dictionary<int, string>();
        foreach (History.HistoryEvent e in log.Snapshot())
        {
            switch (e)
            {
                case History.SubOrchestrationInstanceCreatedEvent created:
                    open[created.EventId] = created.InstanceId;
                    break;
                case History.SubOrchestrationInstanceCompletedEvent completed:
                    open.Remove(completed.TaskScheduledId);
                    break;
                case History.SubOrchestrationInstanceFailedEvent failed:
                    open.Remove(failed.TaskScheduledId);
                    break;
            }
        }

        return open.Values.Where(id => !_active.ContainsKey(id));
    }
}
