using System.ComponentModel.DataAnnotations;

namespace DurableAgents.TaskHub;

/// <summary>Settings of a <see cref="TaskHubEngine"/>.</summary>
public sealed class TaskHubOptions
{
    /// <summary>How long a worker may hold an activity before it is handed out again (at-least-once delivery).</summary>
    public TimeSpan ActivityLeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a worker may hold an orchestrator episode before it is handed out again.</summary>
    public TimeSpan OrchestratorLeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long abandoned work waits before it is handed out again, so a worker that keeps refusing work does not spin.</summary>
    public TimeSpan AbandonedWorkRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most commit requests the writer loop applies in one store transaction.</summary>
    [Range(1, 100_000)]
    public int MaxCommitBatchSize { get; set; } = 1000;

    /// <summary>Orchestrator work items in flight per worker when the worker does not say (asks for 0).</summary>
    [Range(1, 100_000)]
    public int DefaultMaxConcurrentOrchestrations { get; set; } = 100;

    /// <summary>Activity work items in flight per worker when the worker does not say (asks for 0).</summary>
    [Range(1, 100_000)]
    public int DefaultMaxConcurrentActivities { get; set; } = 100;

    /// <summary>
    /// Histories up to this many events are kept in memory while an instance is active, so episodes for workers
    /// without a replay cache are served without reading the store. Longer histories are read from the store.
    /// </summary>
    [Range(0, 10_000_000)]
    public int MaxInMemoryHistoryEvents { get; set; } = 20_000;

    /// <summary>
    /// How long an instance may wait with work ready for a worker that runs its orchestrator while no connected worker
    /// does (no connection declared the name) before the engine logs a warning about it, once per wait. The instance's
    /// status shows the fact at once (<see cref="InstanceSnapshot.WaitingForWorker"/>); the delay keeps the log quiet
    /// while workers are still connecting. Configuration key <c>TaskHub:UnhandledNameWarningAfter</c>.
    /// </summary>
    public TimeSpan UnhandledNameWarningAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On a store several engines share (<see cref="Storage.ITaskHubPartitionedStore"/>): how long a partition's lease lasts
    /// unless renewed. A crashed engine's partitions are taken over this long after its last renewal. Configuration key
    /// <c>TaskHub:PartitionLeaseDuration</c>; ignored on a store with one engine (SQLite).
    /// </summary>
    public TimeSpan PartitionLeaseDuration { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How often the partition balancer runs (heartbeat, lease renewal, claims and releases). Must be shorter than a third
    /// of <see cref="PartitionLeaseDuration"/>: an engine stops using a partition it could not renew a third of the lease
    /// before it expires (a margin for clock skew between engines). Configuration key <c>TaskHub:PartitionRenewInterval</c>.
    /// </summary>
    public TimeSpan PartitionRenewInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the engine reads the inboxes of the partitions it owns for messages other engines wrote (a start, a raised
    /// event, a sub-orchestration result), and how often a wait on an instance another engine runs re-reads its row. It is
    /// the added latency of a message that crosses engines. Configuration key <c>TaskHub:InboxPollInterval</c>.
    /// </summary>
    public TimeSpan InboxPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long an engine that gives a partition up (above its fair share, or stopping) waits after it stopped committing
    /// for the partition before it releases the lease. A store's partition loads and inbox reads may lag its latest
    /// writes (DynamoDB's index reads are eventually consistent, typically well under a second behind), so the next owner
    /// must not load the partition the moment the last commit lands: it could miss an activity the old owner just
    /// queued or see a message it just consumed. A crashed engine's partitions get the same gap from the lease itself:
    /// the owner stops a third of the lease before expiry. Zero releases at once; a delay longer than what is left
    /// of the lease only lets the lease lapse first (the partition is no longer renewed), which is as safe. Configuration key <c>TaskHub:PartitionHandoverDelay</c>.
    /// </summary>
    public TimeSpan PartitionHandoverDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The id this engine claims partitions under; a random id per process when null or empty. Two running engines must
    /// never share one. Configuration key <c>TaskHub:OwnerId</c>.
    /// </summary>
    [MaxLength(200)]
    public string? OwnerId { get; set; }

    /// <summary>
    /// Makes the ids the engine chooses itself (instance ids of starts without one, execution ids, sub-orchestration ids);
    /// random GUIDs when null. The in-process test host sets a counter-based source so a test's histories are the same
    /// on every run. Must be thread-safe and never repeat.
    /// </summary>
    internal Func<string>? IdentifierSource { get; set; }

    /// <summary>Checks the values and throws <see cref="ValidationException"/> naming the first bad one.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        RequirePositive(ActivityLeaseDuration, nameof(ActivityLeaseDuration));
        RequirePositive(OrchestratorLeaseDuration, nameof(OrchestratorLeaseDuration));
        RequirePositive(UnhandledNameWarningAfter, nameof(UnhandledNameWarningAfter));
        RequirePositive(PartitionLeaseDuration, nameof(PartitionLeaseDuration));
        RequirePositive(PartitionRenewInterval, nameof(PartitionRenewInterval));
        RequirePositive(InboxPollInterval, nameof(InboxPollInterval));
        if (PartitionRenewInterval >= PartitionLeaseDuration / 3)
        {
            throw new ValidationException(
                $"{nameof(PartitionRenewInterval)} ({PartitionRenewInterval}) must be shorter than a third of {nameof(PartitionLeaseDuration)} ({PartitionLeaseDuration}), " +
                "so a lease is renewed before the engine has to stop using it; shorten the interval or lengthen the lease.");
        }

        if (PartitionHandoverDelay < TimeSpan.Zero)
        {
            throw new ValidationException($"{nameof(PartitionHandoverDelay)} must not be negative; use TimeSpan.Zero to release at once.");
        }

        if (OwnerId is { Length: > 0 } owner && owner.Any(char.IsControl))
        {
            throw new ValidationException($"{nameof(OwnerId)} must not contain control characters.");
        }
        if (AbandonedWorkRetryDelay < TimeSpan.Zero)
        {
            throw new ValidationException($"{nameof(AbandonedWorkRetryDelay)} must not be negative; use TimeSpan.Zero to retry at once.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ValidationException($"{name} must be greater than zero (it is {value}).");
        }
    }
}
