using System.Security.Cryptography;
using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub;

/// <summary>
/// Sharing a store with other engines (<see cref="ITaskHubPartitionedStore"/>): the balancer that claims, renews and
/// releases partition leases, loading a partition when it is gained and dropping its instances when it is lost, and
/// fencing (the inbox poll is in TaskHubEngine.InboxPoll.cs, work for instances other engines run in
/// TaskHubEngine.OtherEngines.cs). On a store with one engine none of this runs: <see cref="_ownership"/> stays null and
/// the engine owns every instance.
/// </summary>
public sealed partial class TaskHubEngine
{
    /// <summary>Message ids on a shared store count milliseconds from here, so they stay above the ids of a one-engine store.</summary>
    private static readonly DateTime MessageIdEpoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int MessageSaltBits = 20;

    /// <summary>
    /// A member whose heartbeat expired this many lease durations ago (200 s at the defaults) stopped without leaving: a
    /// paused process that comes back later simply writes a new heartbeat.
    /// </summary>
    private const int CrashedMemberForgottenAfterLeases = 10;

    private readonly ITaskHubPartitionedStore? _partitioned;
    private readonly RecentMessageIds _consumed = new(TimeSpan.FromMinutes(10));

    private PartitionOwnership? _ownership;
    private CancellationTokenSource? _partitionLoops;
    private Task _balancerLoop = Task.CompletedTask;
    private Task _inboxLoop = Task.CompletedTask;

    /// <summary>Loads of partitions claimed by the last round; renewals go on meanwhile, claims wait for them.</summary>
    private Task _gains = Task.CompletedTask;
    private long _messageSalt;
    private long _lastMessageTick;
    private bool _abandonOnStop;

    /// <summary>The id this engine claims partitions under; null on a store with one engine.</summary>
    public string? OwnerId => _ownership?.OwnerId;

    /// <summary>The partitions this engine owns now, ascending; empty on a store with one engine (which runs every instance).</summary>
    public IReadOnlyList<int> OwnedPartitions
    {
        get
        {
            lock (_gate)
            {
                return _ownership?.HeldPartitions ?? [];
            }
        }
    }

    /// <summary>
    /// Test hook for a crash: stops like <see cref="StopAsync"/> but keeps every partition lease and the heartbeat, so other
    /// engines take the partitions over only once the leases expire.
    /// </summary>
    internal Task AbandonAsync()
    {
        _abandonOnStop = true;
        return StopAsync(CancellationToken.None);
    }

    /// <summary>Under the lock: whether this engine runs the instance (always, on a store with one engine).</summary>
    private bool OwnsInstance(string instanceId) => _ownership is null || _ownership.HoldsInstance(instanceId);

    /// <summary>
    /// Under the lock: the fence of a commit this engine makes as the instance's owner. When the partition is not held
    /// (lost while the commit was planned) the fence has an epoch no lease has, so the store refuses it.
    /// </summary>
    private PartitionLease? FenceFor(string instanceId)
    {
        if (_ownership is null)
        {
            return null;
        }

        int partition = _ownership.PartitionOf(instanceId);
        return _ownership.LeaseOf(partition) ?? new PartitionLease(partition, _ownership.OwnerId, -1, DateTime.MinValue);
    }

    private long NextSharedMessageId()
    {
        // Engines on one store pick ids independently: the low bits are this engine's random salt, the high bits a
        // millisecond clock that never repeats within the engine, so ids stay unique and roughly in arrival order.
        long now = (long)(Now - MessageIdEpoch).TotalMilliseconds;
        long previous;
        long next;
        do
        {
            previous = Interlocked.Read(ref _lastMessageTick);
            next = Math.Max(previous + 1, now);
        }
        while (Interlocked.CompareExchange(ref _lastMessageTick, next, previous) != previous);
        return (next << MessageSaltBits) | _messageSalt;
    }

    private async Task StartSharedAsync(ITaskHubPartitionedStore store, CancellationToken cancellation)
    {
        string owner = string.IsNullOrEmpty(_options.OwnerId) ? $"{Environment.MachineName}-{Guid.NewGuid():N}" : _options.OwnerId;
        lock (_gate)
        {
            _ownership = new PartitionOwnership(owner, store.PartitionCount, _options.PartitionLeaseDuration);
        }

        _messageSalt = RandomNumberGenerator.GetInt32(1 << MessageSaltBits);
        _commits.Start();
        Volatile.Write(ref _state, StateRunning);

        // The first round runs before the start returns, so an engine alone on the store owns everything by then.
        _partitionLoops = new CancellationTokenSource();
        try
        {
            await BalanceAsync(waitForGains: true, cancellation).ConfigureAwait(false);
        }
        catch
        {
            // A start that throws must leave nothing running: no commit loop, no lease held, no heartbeat.
            await AbortSharedStartAsync().ConfigureAwait(false);
            throw;
        }

        CancellationToken stop = _partitionLoops.Token;
        _balancerLoop = Task.Run(() => RunBalancerAsync(stop), CancellationToken.None);
        _inboxLoop = Task.Run(() => RunInboxPollAsync(stop), CancellationToken.None);
        Logs.EngineStartedShared(_logger, owner, store.PartitionCount, OwnedPartitions.Count);
    }

    /// <summary>
    /// Undoes a shared start whose first round failed: the engine ends stopped (<see cref="IsRunning"/> false, a later
    /// <see cref="StopAsync"/> does nothing), with its commit loop drained and whatever it claimed given back.
    /// </summary>
    private async Task AbortSharedStartAsync()
    {
        Volatile.Write(ref _state, StateStopped);
        await StopSharedLoopsAsync().ConfigureAwait(false);
        await _commits.StopAsync().ConfigureAwait(false);
        await LeaveSharedAsync().ConfigureAwait(false);
        _wakeUps.Dispose();
        _metrics.Dispose();
    }

    /// <summary>Stops the balancer and the inbox poll (before the commit loop drains).</summary>
    private async Task StopSharedLoopsAsync()
    {
        if (_partitionLoops is null)
        {
            return;
        }

        await _partitionLoops.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_balancerLoop, _inboxLoop).ConfigureAwait(false);
        try
        {
            await _gains.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // A load the stop cut short; its lease was given back.
        }
    }

    /// <summary>After the last commit: gives every lease up and leaves, so the other engines take over at once.</summary>
    private async Task LeaveSharedAsync()
    {
        if (_partitioned is null || _ownership is null || _partitionLoops is null)
        {
            return;
        }

        _partitionLoops.Dispose();
        if (_abandonOnStop)
        {
            return;
        }

        PartitionLease[] held;
        lock (_gate)
        {
            held = _ownership.HeldLeases.ToArray();
            foreach (PartitionLease lease in held)
            {
                DropPartition(lease.Partition);
            }
        }

        try
        {
            // The commit loop has drained by now, so the barrier is passed at once; the handover delay then lets the
            // store's index reads catch up with the last writes before another engine loads the partitions.
            await _commits.WhenSubmittedAppliedAsync().ConfigureAwait(false);
            if (held.Length > 0 && _options.PartitionHandoverDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.PartitionHandoverDelay, _time).ConfigureAwait(false);
            }

            await Task.WhenAll(held.Select(l => _partitioned.ReleaseAsync(l, CancellationToken.None))).ConfigureAwait(false);
            await _partitioned.LeaveAsync(_ownership.OwnerId, CancellationToken.None).ConfigureAwait(false);
            Logs.PartitionsReleasedOnStop(_logger, held.Length);
        }
#pragma warning disable CA1031 // A failed release only delays the takeover until the leases expire; stopping must go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.PartitionRoundFailed(_logger, ex);
        }
    }

    /// <summary>
    /// Releases dropped leases once the commits submitted for them before the drop have landed (<paramref name="lastCommits"/>)
    /// and the handover delay has passed since: a commit carrying the still-valid fence may be in the writer queue at the
    /// drop, and the gap must follow it, not the drop.
    /// </summary>
    private async Task ReleaseAfterHandoverAsync(IReadOnlyList<PartitionLease> leases, Task lastCommits, CancellationToken cancellation)
    {
        try
        {
            await lastCommits.WaitAsync(cancellation).ConfigureAwait(false);
            if (_options.PartitionHandoverDelay > TimeSpan.Zero)
            {
                await Task.Delay(_options.PartitionHandoverDelay, _time, cancellation).ConfigureAwait(false);
            }

            await Task.WhenAll(leases.Select(lease => _partitioned!.ReleaseAsync(lease, CancellationToken.None))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopping: the leases lapse by themselves (they are no longer renewed).
        }
#pragma warning disable CA1031 // A failed release only delays the takeover until the lease expires.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.PartitionRoundFailed(_logger, ex);
        }
    }

    private async Task RunBalancerAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.PartitionRenewInterval, _time, stop).ConfigureAwait(false);
                await BalanceAsync(waitForGains: false, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The store may fail for a while; the loop must outlive it (self-fencing bounds the risk).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Logs.PartitionRoundFailed(_logger, ex);
            }

            SelfFence();
        }
    }

    /// <summary>
    /// One round: heartbeat and renew every held lease (first and at once, as they are what keeps the partitions safe to
    /// use), then read the table, drop lost partitions, release the excess and claim up to the fair share. The claimed
    /// partitions are loaded in the background unless <paramref name="waitForGains"/>, so a slow load never delays the next
    /// renewal; no new claims are made until those loads are done.
    /// </summary>
    private async Task BalanceAsync(bool waitForGains, CancellationToken cancellation)
    {
        ITaskHubPartitionedStore store = _partitioned!;
        PartitionOwnership ownership = _ownership!;
        TimeSpan leaseDuration = _options.PartitionLeaseDuration;
        PartitionLease[] held;
        lock (_gate)
        {
            held = [.. ownership.HeldLeases];
        }

        DateTime expiresAt = Now + leaseDuration;
        Task heartbeat = store.HeartbeatAsync(ownership.OwnerId, expiresAt, cancellation);
        (PartitionLease Held, PartitionLease? Renewed, bool Failed)[] renewals = await Task.WhenAll(held.Select(async lease =>
        {
            try
            {
                return (lease, await store.TryRenewAsync(lease, expiresAt, cancellation).ConfigureAwait(false), false);
            }
#pragma warning disable CA1031 // An unanswered renewal keeps the lease until its safe point (SelfFence), not longer.
            catch (Exception ex) when (!cancellation.IsCancellationRequested)
#pragma warning restore CA1031
            {
                Logs.PartitionRoundFailed(_logger, ex);
                return (lease, (PartitionLease?)null, true);
            }
        })).ConfigureAwait(false);
        lock (_gate)
        {
            foreach ((PartitionLease lease, PartitionLease? renewed, bool failed) in renewals)
            {
                if (!ownership.IsHeld(lease))
                {
                    continue;
                }

                if (renewed is not null)
                {
                    ownership.MarkHeld(renewed);
                }
                else if (!failed)
                {
                    int dropped = DropPartition(lease.Partition);
                    Logs.PartitionLost(_logger, lease.Partition, "its lease could not be renewed", dropped);
                }
            }
        }

        // Awaited after the renewals are applied, so a failed heartbeat cannot throw their results away.
        await heartbeat.ConfigureAwait(false);
        PartitionTable table = await store.ReadPartitionTableAsync(cancellation).ConfigureAwait(false);
        await ForgetCrashedMembersAsync(table, cancellation).ConfigureAwait(false);
        BalancePlan plan;
        Task lastCommits = Task.CompletedTask;
        lock (_gate)
        {
            plan = ownership.Plan(table, Now);
            foreach (int partition in plan.Lost)
            {
                int dropped = DropPartition(partition);
                Logs.PartitionLost(_logger, partition, "another engine holds its lease now", dropped);
            }

            // Released partitions leave memory before the lease goes, so nothing is committed for them after the release.
            foreach (PartitionLease lease in plan.Release)
            {
                int dropped = DropPartition(lease.Partition);
                Logs.PartitionReleased(_logger, lease.Partition, plan.FairShare, plan.LiveMembers, dropped);
            }

            if (plan.Release.Count > 0)
            {
                // Queued after the drop (commits are submitted under this lock), so it passes once every commit the
                // released partitions' old fence still covers has landed.
                lastCommits = _commits.WhenSubmittedAppliedAsync();
            }
        }

        if (plan.Release.Count > 0)
        {
            // Released after the handover delay, off the balancer's path so renewals keep their pace; the lease is no longer
            // renewed meanwhile, and a release that comes after it expired or was claimed changes nothing.
            _ = Task.Run(() => ReleaseAfterHandoverAsync(plan.Release, lastCommits, cancellation), CancellationToken.None);
        }
        if (!_gains.IsCompleted)
        {
            return;
        }

        PartitionLease?[] claims = await Task.WhenAll(plan.Claim.Select(free => store.TryClaimAsync(free, ownership.OwnerId, Now + leaseDuration, cancellation))).ConfigureAwait(false);
        var claimed = new List<PartitionLease>();
        for (int i = 0; i < claims.Length; i++)
        {
            if (claims[i] is { } lease)
            {
                Logs.PartitionClaimed(_logger, lease.Partition, lease.Epoch, plan.Claim[i].Owner ?? "(nobody)", plan.FairShare, plan.LiveMembers);
                claimed.Add(lease);
            }
        }

        _gains = Task.WhenAll(claimed.Select(lease => GainAsync(lease, cancellation)));
        if (waitForGains)
        {
            await _gains.ConfigureAwait(false);
        }

        SelfFence();
    }

    /// <summary>
    /// Removes the heartbeats of members that stopped without leaving (crashed) long ago, so they do not stay in the store
    /// for good; every engine's round may do it, and the store removes a heartbeat only while it is the one read.
    /// </summary>
    private async Task ForgetCrashedMembersAsync(PartitionTable table, CancellationToken cancellation)
    {
        DateTime longAgo = Now - (CrashedMemberForgottenAfterLeases * _options.PartitionLeaseDuration);
        foreach (PartitionMember member in table.Members)
        {
            if (member.ExpiresAt >= longAgo || member.Owner == _ownership!.OwnerId)
            {
                continue;
            }

            try
            {
                if (await _partitioned!.ForgetAsync(member, cancellation).ConfigureAwait(false))
                {
                    Logs.MemberForgotten(_logger, member.Owner, member.ExpiresAt);
                }
            }
#pragma warning disable CA1031 // Tidying up must not fail the round that renews this engine's leases.
            catch (Exception ex) when (!cancellation.IsCancellationRequested)
#pragma warning restore CA1031
            {
                Logs.PartitionRoundFailed(_logger, ex);
            }
        }
    }

    /// <summary>Loads a claimed partition and starts running its instances, as a start-up recovery does for the whole store.</summary>
    private async Task GainAsync(PartitionLease lease, CancellationToken cancellation)
    {
        ITaskHubPartitionedStore store = _partitioned!;
        RecoveryState loaded;
        PartitionLease? renewed;
        try
        {
            loaded = await store.LoadPartitionAsync(lease.Partition, cancellation).ConfigureAwait(false);

            // The balancer renews held leases only, and this one is not held until it is merged: a load that took long may
            // have brought it near (or past) its safe point. Renewed here, it starts its life as held with a full term; a
            // refused renewal means another engine claimed the partition meanwhile, so nothing of the load is used.
            renewed = await store.TryRenewAsync(lease, Now + _options.PartitionLeaseDuration, cancellation).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever the load or the renewal threw (or a stop cancelled it), the partition is not run here.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (!cancellation.IsCancellationRequested)
            {
                Logs.PartitionLoadFailed(_logger, lease.Partition, ex);
            }

            // Given back, so this engine or another can claim it now rather than after the lease expires.
            await ReleaseQuietlyAsync(lease).ConfigureAwait(false);
            return;
        }

        if (renewed is null)
        {
            Logs.PartitionLost(_logger, lease.Partition, "another engine claimed it while it was loading", 0);
            return;
        }

        lease = renewed;
        List<InboxMessage> unknown;
        lock (_gate)
        {
            if (!IsRunning || _ownership!.IsPastSafePoint(lease, Now))
            {
                _ = ReleaseQuietlyAsync(lease);
                return;
            }

            // Held from here on: commits planned from now carry this lease as their fence.
            _ownership.MarkHeld(lease);
            unknown = MergePartition(loaded);
            Pump();
        }

        Logs.PartitionGained(_logger, lease.Partition, loaded.ActiveInstances.Count, loaded.Inbox.Count, loaded.Activities.Count);
        if (unknown.Count > 0)
        {
            await ResolveMessagesAsync(unknown, cancellation).ConfigureAwait(false);
        }
    }

    private async Task ReleaseQuietlyAsync(PartitionLease lease)
    {
        try
        {
            await _partitioned!.ReleaseAsync(lease, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Not released, the lease simply expires.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.PartitionRoundFailed(_logger, ex);
        }
    }

    /// <summary>
    /// Under the lock: adds a loaded partition's active instances, messages and activities. Messages of instances the load
    /// did not list are returned: their rows are read before they are judged (the start may have landed after the load
    /// read the instances), never dropped on sight.
    /// </summary>
    private List<InboxMessage> MergePartition(RecoveryState loaded)
    {
        // Messages the load found gone were consumed by the previous owner; a lagging inbox poll may still list them.
        DateTime consumedAt = Now;
        foreach (long goneId in loaded.GoneMessageIds ?? [])
        {
            _consumed.Add(goneId, consumedAt);
        }

        var touched = new HashSet<InstanceState>();
        foreach (InstanceRecord record in loaded.ActiveInstances)
        {
            if (!_active.ContainsKey(record.InstanceId))
            {
                AddActive(record);
                touched.Add(_active[record.InstanceId]);
            }
        }

        var unknown = new List<InboxMessage>();
        foreach (InboxMessage message in loaded.Inbox)
        {
            if (_consumed.Contains(message.MessageId))
            {
                continue;
            }

            if (_active.TryGetValue(message.InstanceId, out InstanceState? state))
            {
                state.Inbox.TryAdd(message.MessageId, message);
                touched.Add(state);
            }
            else
            {
                unknown.Add(message);
            }
        }

        foreach (ActivityTask task in loaded.Activities)
        {
            if (!(_active.TryGetValue(task.InstanceId, out InstanceState? state) && state.Activities.Contains(task.Key)))
            {
                QueueActivity(task);
            }
        }

        DateTime now = Now;
        foreach (InstanceState state in touched)
        {
            Reevaluate(state, now);
        }

        return unknown;
    }

    /// <summary>Under the lock: stops running a partition's instances and forgets the lease. Returns how many instances it ran.</summary>
    private int DropPartition(int partition)
    {
        if (_ownership is null || !_ownership.Drop(partition))
        {
            return 0;
        }

        List<InstanceState> lost = _active.Values.Where(s => _ownership.PartitionOf(s.InstanceId) == partition).ToList();
        foreach (InstanceState state in lost)
        {
            RemoveActive(state.InstanceId);
            state.Inbox.Clear();
            state.Activities.Clear();
        }

        // Work out with workers for these instances ends here: their late completions find no lease (stale token).
        foreach (Lease lease in _leases.Values.ToArray())
        {
            string instanceId = lease is EpisodeLease episode ? episode.State.InstanceId : ((ActivityLease)lease).Task.InstanceId;
            if (_ownership.PartitionOf(instanceId) == partition)
            {
                DetachLease(lease);
            }
        }

        foreach (InstanceState state in lost)
        {
            _watchers.Notify(state.InstanceId);
        }

        Pump();
        return lost.Count;
    }

    /// <summary>Under the lock: drops partitions whose lease was not renewed in time (see <see cref="PartitionOwnership.IsPastSafePoint"/>).</summary>
    private void SelfFence()
    {
        lock (_gate)
        {
            if (_ownership is null)
            {
                return;
            }

            foreach (int partition in _ownership.PastSafePoint(Now))
            {
                int dropped = DropPartition(partition);
                Logs.PartitionLost(_logger, partition, "its lease was not renewed before its safe point", dropped);
            }
        }
    }

    /// <summary>Under the lock: a commit was refused because its partition's lease changed, so this engine lost the partition.</summary>
    private void OnFenced(PartitionLease fence)
    {
        if (_ownership is not null && _ownership.IsHeld(fence))
        {
            int dropped = DropPartition(fence.Partition);
            Logs.PartitionLost(_logger, fence.Partition, "a commit was fenced (another engine claimed it)", dropped);
        }
    }
}
