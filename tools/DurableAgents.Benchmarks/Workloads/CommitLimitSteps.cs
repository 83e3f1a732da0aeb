using DurableAgents.History;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// The store requests of one hello5 activity step, as the engine commits them: the activity's result arrives
/// (inbox insert + activity row delete), then the orchestrator's episode consumes it (row-version condition,
/// instance upsert, four history rows, inbox delete, next activity insert). Spread over many instances.
/// </summary>
internal sealed class CommitLimitSteps
{
    private static readonly DateTime Now = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly string[] _ids;
    private readonly long[] _rowVersions;
    private readonly int[] _historyLengths;
    private readonly int[] _nextTaskIds;
    private long _nextMessageId;
    private int _nextInstance;

    public CommitLimitSteps(int instances)
    {
        _ids = [.. Enumerable.Range(0, instances).Select(i => $"hello5-{i:D6}")];
        _rowVersions = new long[instances];
        _historyLengths = new int[instances];
        _nextTaskIds = new int[instances];
    }

    /// <summary>One request creating every instance with its first scheduled activity.</summary>
    public IReadOnlyList<CommitRequest> Start()
    {
        var requests = new List<CommitRequest>(_ids.Length);
        for (int i = 0; i < _ids.Length; i++)
        {
            _rowVersions[i] = 1;
            _nextTaskIds[i] = 1;
            requests.Add(new CommitRequest
            {
                Conditions = [InstanceCondition.Absent(_ids[i])],
                InstanceUpserts = [Instance(i)],
                ActivityInserts = [Activity(i, 1)],
            });
        }

        return requests;
    }

    /// <summary>Adds the two requests of the next step (round robin over the instances) to <paramref name="batch"/>.</summary>
    public void AddStep(List<CommitRequest> batch)
    {
        int i = _nextInstance;
        _nextInstance = (_nextInstance + 1) % _ids.Length;
        string id = _ids[i];
        int taskId = _nextTaskIds[i];
        long messageId = ++_nextMessageId;
        var completed = new TaskCompletedEvent(-1, Now, taskId, "\"Hello, Tokyo!\"");
        batch.Add(new CommitRequest
        {
            InboxInserts = [new InboxMessage(messageId, id, completed, Now)],
            ActivityDeletes = [new ActivityKey(id, "exec-1", taskId)],
        });

        int first = _historyLengths[i];
        _historyLengths[i] += 4;
        _nextTaskIds[i] = taskId + 1;
        batch.Add(new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals(id, _rowVersions[i])],
            InstanceUpserts = [Instance(i) with { RowVersion = ++_rowVersions[i] }],
            HistoryAppends =
            [
                new HistoryAppend(id, "exec-1", first,
                [
                    new OrchestratorStartedEvent(-1, Now),
                    completed,
                    new TaskScheduledEvent(taskId + 1, Now, "SayHello", "\"Tokyo\""),
                    new OrchestratorCompletedEvent(-1, Now),
                ]),
            ],
            InboxDeletes = [messageId],
            ActivityInserts = [Activity(i, taskId + 1)],
        });
    }

    private InstanceRecord Instance(int i) => new()
    {
        InstanceId = _ids[i],
        ExecutionId = "exec-1",
        Name = "Hello5",
        Status = OrchestrationStatus.Running,
        Input = "\"Tokyo\"",
        CreatedAt = Now,
        LastUpdatedAt = Now,
        HistoryLength = _historyLengths[i],
        RowVersion = _rowVersions[i],
    };

    private ActivityTask Activity(int i, int taskId) =>
        new(_ids[i], "exec-1", taskId, "SayHello", null, "\"Tokyo\"", null, Now);
}
