using DurableAgents.History;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Tests.Sqlite;

public sealed class SqliteTaskHubStoreInstanceTests
{
    [Fact]
    public async Task GetInstanceAsync_AfterUpsert_ReturnsEveryFieldAsWritten()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
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
            HistoryLength = 17,
            RowVersion = 9,
        };

        await Commit(fixture, new CommitRequest { InstanceUpserts = [written] });
        InstanceRecord? read = await fixture.Store.GetInstanceAsync("order-1", includePayloads: true, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(written with { Tags = null }, read with { Tags = null });
        Assert.Equal(written.Tags, read.Tags);
        Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
        Assert.Equal(DateTimeKind.Utc, read.CompletedAt!.Value.Kind);
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutPayloads_LeavesInputOutputAndCustomStatusNull()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, new CommitRequest
        {
            InstanceUpserts = [Rows.Instance("a") with { Output = "1", CustomStatus = "2" }],
        });

        InstanceRecord? read = await fixture.Store.GetInstanceAsync("a", includePayloads: false, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal("Hello", read.Name);
        Assert.Null(read.Input);
        Assert.Null(read.Output);
        Assert.Null(read.CustomStatus);
    }

    [Fact]
    public async Task GetInstanceAsync_UnknownId_ReturnsNull()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();

        Assert.Null(await fixture.Store.GetInstanceAsync("nobody", includePayloads: true, CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_UpsertOfExistingRow_ReplacesTheWholeRow()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, new CommitRequest { InstanceUpserts = [Rows.Instance("a") with { CustomStatus = "\"old\"" }] });

        InstanceRecord replacement = Rows.Instance("a", OrchestrationStatus.Completed, rowVersion: 2, historyLength: 5) with
        {
            Output = "\"result\"",
            CompletedAt = Rows.T0.AddMinutes(1),
        };
        await Commit(fixture, new CommitRequest { InstanceUpserts = [replacement] });

        Assert.Equal(replacement, await fixture.Store.GetInstanceAsync("a", includePayloads: true, CancellationToken.None));
    }

    [Theory]
    [InlineData(OrchestrationStatus.Running, 0)]
    [InlineData(OrchestrationStatus.Completed, 0)]
    [InlineData(OrchestrationStatus.Running, 5)]
    [InlineData(OrchestrationStatus.Completed, 5)]
    public async Task CommitAsync_UpsertKeepingOrChangingStatusAndCreatedTime_QueriesSeeTheNewValues(
        OrchestrationStatus newStatus, int minutesLater)
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, new CommitRequest { InstanceUpserts = [Rows.Instance("a", OrchestrationStatus.Running, Rows.T0)] });
        InstanceRecord replacement = Rows.Instance("a", newStatus, Rows.T0.AddMinutes(minutesLater), rowVersion: 2, historyLength: 8) with { CustomStatus = "\"x\"" };

        await Commit(fixture, new CommitRequest { InstanceUpserts = [replacement] });

        Assert.Equal(replacement, await fixture.Store.GetInstanceAsync("a", includePayloads: true, CancellationToken.None));
        InstancePage byStatusAndTime = await fixture.Store.QueryInstancesAsync(
            new InstanceQuery { Statuses = [newStatus], CreatedFrom = replacement.CreatedAt, CreatedTo = replacement.CreatedAt },
            CancellationToken.None);
        Assert.Equal("a", Assert.Single(byStatusAndTime.Instances).InstanceId);
        RecoveryState state = await fixture.Store.LoadRecoveryStateAsync(CancellationToken.None);
        Assert.Equal(newStatus.IsTerminal() ? 0 : 1, state.ActiveInstances.Count);
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
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        if (rowExists)
        {
            await Commit(fixture, new CommitRequest { InstanceUpserts = [Rows.Instance("a", status)] });
        }

        var condition = new InstanceCondition("a", kind);
        CommitOutcome outcome = await CommitOne(fixture, new CommitRequest
        {
            Conditions = [condition],
            InboxInserts = [Rows.Message(1, "a")],
        });

        Assert.Equal(expectCommitted, outcome.Committed);
        Assert.Equal(expectCommitted ? null : condition, outcome.FailedCondition);
        Assert.Equal(expectCommitted ? 1 : 0, fixture.CountRows("SELECT COUNT(*) FROM inbox"));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(2, false)]
    [InlineData(4, false)]
    public async Task CommitAsync_RowVersionCondition_AppliesOnlyOnAnExactMatch(long expected, bool expectCommitted)
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, new CommitRequest { InstanceUpserts = [Rows.Instance("a", rowVersion: 3)] });

        CommitOutcome outcome = await CommitOne(fixture, new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals("a", expected)],
            InstanceUpserts = [Rows.Instance("a", OrchestrationStatus.Completed, rowVersion: 4)],
        });

        InstanceRecord? row = await fixture.Store.GetInstanceAsync("a", includePayloads: false, CancellationToken.None);
        Assert.Equal(expectCommitted, outcome.Committed);
        Assert.Equal(expectCommitted ? 4 : 3, row!.RowVersion);
    }

    [Fact]
    public async Task CommitAsync_RowVersionConditionOnMissingRow_Fails()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();

        CommitOutcome outcome = await CommitOne(fixture, new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals("ghost", 0)],
            InboxInserts = [Rows.Message(1, "ghost")],
        });

        Assert.False(outcome.Committed);
        Assert.Equal(0, fixture.CountRows("SELECT COUNT(*) FROM inbox"));
    }

    internal static async Task Commit(StoreFixture fixture, params CommitRequest[] requests)
    {
        IReadOnlyList<CommitOutcome> outcomes = await fixture.Store.CommitAsync(requests, CancellationToken.None);
        Assert.All(outcomes, o => Assert.True(o.Committed));
    }

    internal static async Task<CommitOutcome> CommitOne(StoreFixture fixture, CommitRequest request) =>
        Assert.Single(await fixture.Store.CommitAsync([request], CancellationToken.None));
}
