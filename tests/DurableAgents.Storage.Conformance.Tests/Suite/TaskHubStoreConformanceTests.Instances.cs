using DurableAgents.History;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.Suite;

public abstract partial class TaskHubStoreConformanceTests
{
    [Fact]
    public async Task GetInstanceAsync_AfterUpsert_ReturnsEveryFieldAsWritten()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        var written = new InstanceRecord
        {
            InstanceId = "order-1",
            ExecutionId = "e-42",
            Name = "ProcessOrder",
            Version = "2.1",
            Status = OrchestrationStatus.Failed,
            Input = """{"amount": 12.50, "items": ["a","b"]}""",
            Output = "\"done\"",
            CustomStatus = """{"step":3}""",
            FailureDetails = new FailureDetails("System.InvalidOperationException", "outer", "at X()",
                new FailureDetails("System.IO.IOException", "inner"), IsNonRetriable: true),
            CreatedAt = Rows.T0,
            LastUpdatedAt = Rows.T0.AddTicks(123_4567),
            CompletedAt = Rows.T0.AddMinutes(5),
            ScheduledStartAt = Rows.T0.AddSeconds(-30),
            Parent = new ParentInstanceInfo(7, "Parent", "parent-1", "pe-1"),
            Tags = new Dictionary<string, string> { ["team"] = "blue", ["ünï"] = "cödé" },
            TraceContext = new OrchestrationTraceContext("b7ad6b7169203331", Rows.T0.AddTicks(1234567)),
            HistoryLength = 17,
            RowVersion = 9,
        };

        await Commit(harness, new CommitRequest { InstanceUpserts = [written] });
        await harness.ReopenAsync();
        InstanceRecord? read = await Get(harness, "order-1", includePayloads: true);

        Assert.NotNull(read);
        Assert.Equal(written with { Tags = null }, read with { Tags = null });
        Assert.Equal(written.Tags, read.Tags);
        Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
        Assert.Equal(DateTimeKind.Utc, read.CompletedAt!.Value.Kind);
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutPayloads_LeavesInputOutputAndCustomStatusNull()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest { InstanceUpserts = [Rows.Instance("a") with { Output = "1", CustomStatus = "2" }] });

        InstanceRecord? read = await Get(harness, "a", includePayloads: false);

        Assert.NotNull(read);
        Assert.Equal("Hello", read.Name);
        Assert.Null(read.Input);
        Assert.Null(read.Output);
        Assert.Null(read.CustomStatus);
    }

    [Fact]
    public async Task GetInstanceAsync_UnknownId_ReturnsNull()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();

        Assert.Null(await Get(harness, "nobody", includePayloads: true));
    }

    [Fact]
    public async Task CommitAsync_UpsertOfExistingRow_ReplacesTheWholeRow()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest { InstanceUpserts = [Rows.Instance("a") with { CustomStatus = "\"old\"" }] });

        InstanceRecord replacement = Rows.Instance("a", OrchestrationStatus.Completed, rowVersion: 2, historyLength: 5) with
        {
            Output = "\"result\"",
            CompletedAt = Rows.T0.AddMinutes(1),
        };
        await Commit(harness, new CommitRequest { InstanceUpserts = [replacement] });

        Assert.Equal(replacement, await Get(harness, "a", includePayloads: true));
    }

    [Theory]
    [InlineData(OrchestrationStatus.Running, 0)]
    [InlineData(OrchestrationStatus.Completed, 5)]
    public async Task CommitAsync_UpsertKeepingOrChangingStatusAndCreatedTime_QueriesAndRecoverySeeTheNewValues(
        OrchestrationStatus newStatus, int minutesLater)
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest { InstanceUpserts = [Rows.Instance("a", OrchestrationStatus.Running, Rows.T0)] });
        InstanceRecord replacement = Rows.Instance("a", newStatus, Rows.T0.AddMinutes(minutesLater), rowVersion: 2, historyLength: 8) with { CustomStatus = "\"x\"" };

        await Commit(harness, new CommitRequest { InstanceUpserts = [replacement] });

        InstancePage byStatusAndTime = await harness.Store.QueryInstancesAsync(
            new InstanceQuery { Statuses = [newStatus], CreatedFrom = replacement.CreatedAt, CreatedTo = replacement.CreatedAt },
            CancellationToken.None);
        Assert.Equal("a", Assert.Single(byStatusAndTime.Instances).InstanceId);
        Assert.Equal(newStatus.IsTerminal() ? 0 : 1, (await Recovery(harness)).ActiveInstances.Count);
    }

    [Theory]
    [InlineData(InstanceConditionKind.Absent, false, OrchestrationStatus.Running, true)]
    [InlineData(InstanceConditionKind.Absent, true, OrchestrationStatus.Completed, false)]
    [InlineData(InstanceConditionKind.NotActive, false, OrchestrationStatus.Running, true)]
    [InlineData(InstanceConditionKind.NotActive, true, OrchestrationStatus.Completed, true)]
    [InlineData(InstanceConditionKind.NotActive, true, OrchestrationStatus.Failed, true)]
    [InlineData(InstanceConditionKind.NotActive, true, OrchestrationStatus.Terminated, true)]
    [InlineData(InstanceConditionKind.NotActive, true, OrchestrationStatus.Canceled, true)]
    [InlineData(InstanceConditionKind.NotActive, true, OrchestrationStatus.Running, false)]
    [InlineData(InstanceConditionKind.NotActive, true, OrchestrationStatus.Pending, false)]
    [InlineData(InstanceConditionKind.NotActive, true, OrchestrationStatus.Suspended, false)]
    [InlineData(InstanceConditionKind.NotActive, true, OrchestrationStatus.ContinuedAsNew, false)]
    public async Task CommitAsync_StatusCondition_AppliesOnlyWhenItHolds(
        InstanceConditionKind kind, bool rowExists, OrchestrationStatus status, bool expectCommitted)
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        if (rowExists)
        {
            await Commit(harness, new CommitRequest { InstanceUpserts = [Rows.Instance("a", status)] });
        }

        var condition = new InstanceCondition("a", kind);
        CommitOutcome outcome = await CommitOne(harness, new CommitRequest
        {
            Conditions = [condition],
            InboxInserts = [Rows.Message(1, "a")],
        });

        Assert.Equal(expectCommitted, outcome.Committed);
        Assert.Equal(expectCommitted ? null : condition, outcome.FailedCondition);
        Assert.Equal(expectCommitted ? 1 : 0, (await Recovery(harness)).Inbox.Count);
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    [InlineData(4, false)]
    public async Task CommitAsync_RowVersionCondition_AppliesOnlyOnAnExactMatch(long expected, bool expectCommitted)
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest { InstanceUpserts = [Rows.Instance("a", rowVersion: 3)] });

        CommitOutcome outcome = await CommitOne(harness, new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals("a", expected)],
            InstanceUpserts = [Rows.Instance("a", OrchestrationStatus.Completed, rowVersion: 4)],
        });

        Assert.Equal(expectCommitted, outcome.Committed);
        Assert.Equal(expectCommitted ? 4 : 3, (await Get(harness, "a"))!.RowVersion);
    }

    [Fact]
    public async Task CommitAsync_RowVersionConditionOnMissingRow_FailsAndWritesNothing()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();

        CommitOutcome outcome = await CommitOne(harness, new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals("ghost", 0)],
            InboxInserts = [Rows.Message(1, "ghost")],
        });

        Assert.False(outcome.Committed);
        Assert.Empty((await Recovery(harness)).Inbox);
    }
}
