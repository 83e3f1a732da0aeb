using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub;

/// <summary>
/// On a shared store: how messages other engines wrote reach the instances this engine runs. Every owned partition's inbox
/// is polled, and a message for an instance not in memory is judged by the instance's row (never dropped on sight).
/// </summary>
public sealed partial class TaskHubEngine
{
    /// <summary>Messages committed for instances of owned partitions that this engine does not track yet; their rows get read.</summary>
    private readonly List<InboxMessage> _untracked = [];

    /// <summary>Under the lock: a message was committed for an instance of an owned partition that is not tracked (yet).</summary>
    private void NoteUntracked(InboxMessage message)
    {
        if (OwnsInstance(message.InstanceId))
        {
            _untracked.Add(message);
        }

        // Otherwise another engine runs the instance and finds the message in its partition's inbox.
    }

    /// <summary>Under the lock, after a batch: reads the rows behind messages for untracked instances of owned partitions.</summary>
    private void ResolveUntracked()
    {
        if (_untracked.Count == 0 || !IsRunning)
        {
            return;
        }

        List<InboxMessage> messages = [.. _untracked];
        _untracked.Clear();
        _ = Task.Run(() => ResolveMessagesAsync(messages, CancellationToken.None));
    }

    /// <summary>
    /// Judges messages of owned partitions whose instance is not in memory by its row (read consistently, outside the
    /// lock): an active row starts being tracked with the messages; a terminal or missing one makes them orphans.
    /// </summary>
    private async Task ResolveMessagesAsync(List<InboxMessage> messages, CancellationToken cancellation)
    {
        var rows = new Dictionary<string, InstanceRecord?>(StringComparer.Ordinal);
        foreach (string instanceId in messages.Select(m => m.InstanceId).Distinct(StringComparer.Ordinal))
        {
            try
            {
                rows[instanceId] = await _store.GetInstanceAsync(instanceId, true, cancellation).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // Unread rows are judged at the next inbox poll, which lists the messages again.
            catch (Exception ex) when (!cancellation.IsCancellationRequested)
#pragma warning restore CA1031
            {
                Logs.InstanceReadFailed(_logger, instanceId, ex);
            }
        }

        lock (_gate)
        {
            if (!IsRunning)
            {
                return;
            }

            DateTime now = Now;
            foreach (InboxMessage message in messages)
            {
                if (!rows.TryGetValue(message.InstanceId, out InstanceRecord? row) || !OwnsInstance(message.InstanceId) || _consumed.Contains(message.MessageId))
                {
                    continue;
                }

                if (!_active.TryGetValue(message.InstanceId, out InstanceState? state) && row is not null && !row.Status.IsTerminal())
                {
                    AddActive(row);
                    state = _active[row.InstanceId];
                    _watchers.Notify(row.InstanceId);
                }

                if (state is not null)
                {
                    if (!state.Inbox.ContainsKey(message.MessageId))
                    {
                        Deliver(message, now);
                    }
                }
                else
                {
                    _orphanMessages.Add(message.MessageId);
                }
            }

            AfterCommitBatch();
        }
    }

    private async Task RunInboxPollAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.InboxPollInterval, _time, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            SelfFence();
            int[] partitions;
            lock (_gate)
            {
                partitions = _ownership!.HeldPartitions;
            }

            await Task.WhenAll(partitions.Select(p => PollPartitionAsync(p, stop))).ConfigureAwait(false);
        }
    }

    /// <summary>Reads one owned partition's inbox and takes in every message this engine has not seen (or consumed lately).</summary>
    private async Task PollPartitionAsync(int partition, CancellationToken stop)
    {
        List<InboxMessage> unknown = [];
        try
        {
            IReadOnlyList<InboxMessage> inbox = await _partitioned!.ReadPartitionInboxAsync(partition, stop).ConfigureAwait(false);
            lock (_gate)
            {
                if (!IsRunning || !_ownership!.Holds(partition))
                {
                    return;
                }

                DateTime now = Now;
                _consumed.Prune(now);
                foreach (InboxMessage message in inbox)
                {
                    if (_consumed.Contains(message.MessageId))
                    {
                        continue;
                    }

                    if (_active.TryGetValue(message.InstanceId, out InstanceState? state))
                    {
                        if (!state.Inbox.ContainsKey(message.MessageId))
                        {
                            Deliver(message, now);
                        }
                    }
                    else
                    {
                        unknown.Add(message);
                    }
                }

                Pump();
            }

            if (unknown.Count > 0)
            {
                await ResolveMessagesAsync(unknown, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // The next poll reads the partition again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.InboxPollFailed(_logger, partition, ex);
        }
    }
}
