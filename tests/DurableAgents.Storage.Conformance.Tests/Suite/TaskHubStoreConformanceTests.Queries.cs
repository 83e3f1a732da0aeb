using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.Suite;

public abstract partial class TaskHubStoreConformanceTests
{
    [Fact]
    public async Task QueryInstancesAsync_PagedWithTokens_ReturnsEveryRowOnceInCreatedThenIdOrder()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        // Groups of rows share a created time so pages must break ties by instance id.
        InstanceRecord[] rows = [.. Enumerable.Range(0, 23).Select(i => Rows.Instance($"id-{22 - i:D2}", createdAt: Rows.T0.AddSeconds(i / 4)))];
        await Commit(harness, new CommitRequest { InstanceUpserts = rows });

        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;
        do
        {
            InstancePage page = await harness.Store.QueryInstancesAsync(new InstanceQuery { PageSize = 5, ContinuationToken = token }, CancellationToken.None);
            seen.AddRange(page.Instances.Select(i => i.InstanceId));
            pageSizes.Add(page.Instances.Count);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal([5, 5, 5, 5, 3], pageSizes);
        Assert.Equal(rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.InstanceId, StringComparer.Ordinal).Select(r => r.InstanceId), seen);
    }

    [Fact]
    public async Task QueryInstancesAsync_RowsAddedBetweenPages_NeitherRepeatsNorSkipsEarlierRows()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest { InstanceUpserts = [.. Enumerable.Range(0, 6).Select(i => Rows.Instance($"a{i}", createdAt: Rows.T0.AddSeconds(i)))] });

        InstancePage first = await harness.Store.QueryInstancesAsync(new InstanceQuery { PageSize = 3 }, CancellationToken.None);
        await Commit(harness, new CommitRequest { InstanceUpserts = [Rows.Instance("early", createdAt: Rows.T0.AddSeconds(-1)), Rows.Instance("late", createdAt: Rows.T0.AddSeconds(10))] });
        InstancePage rest = await harness.Store.QueryInstancesAsync(new InstanceQuery { PageSize = 10, ContinuationToken = first.ContinuationToken }, CancellationToken.None);

        Assert.Equal(["a0", "a1", "a2"], first.Instances.Select(i => i.InstanceId));
        Assert.Equal(["a3", "a4", "a5", "late"], rest.Instances.Select(i => i.InstanceId));
        Assert.Null(rest.ContinuationToken);
    }

    [Fact]
    public async Task QueryInstancesAsync_Filters_CombineCreatedRangeStatusesAndPrefix()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest
        {
            InstanceUpserts =
            [
                Rows.Instance("order-1", OrchestrationStatus.Completed, Rows.T0.AddMinutes(1)),
                Rows.Instance("order-2", OrchestrationStatus.Running, Rows.T0.AddMinutes(2)),
                Rows.Instance("order-3", OrchestrationStatus.Failed, Rows.T0.AddMinutes(3)),
                Rows.Instance("order-4", OrchestrationStatus.Completed, Rows.T0.AddMinutes(9)),
                Rows.Instance("ordering", OrchestrationStatus.Completed, Rows.T0.AddMinutes(2)),
                Rows.Instance("invoice-1", OrchestrationStatus.Completed, Rows.T0.AddMinutes(2)),
            ],
        });

        InstancePage page = await harness.Store.QueryInstancesAsync(
            new InstanceQuery
            {
                CreatedFrom = Rows.T0.AddMinutes(1),
                CreatedTo = Rows.T0.AddMinutes(3),
                Statuses = [OrchestrationStatus.Completed, OrchestrationStatus.Failed],
                InstanceIdPrefix = "order-",
            },
            CancellationToken.None);

        Assert.Equal(["order-1", "order-3"], page.Instances.Select(i => i.InstanceId));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task QueryInstancesAsync_FilterMatchingFewRows_FillsPagesAcrossSkippedRows()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        // Every fourth row matches: a store that filters after reading must keep reading to fill a page.
        await Commit(harness, new CommitRequest
        {
            InstanceUpserts = [.. Enumerable.Range(0, 40).Select(i => Rows.Instance($"r{i:D2}", i % 4 == 0 ? OrchestrationStatus.Failed : OrchestrationStatus.Completed, Rows.T0.AddSeconds(i)))],
        });

        InstancePage first = await harness.Store.QueryInstancesAsync(new InstanceQuery { PageSize = 4, Statuses = [OrchestrationStatus.Failed] }, CancellationToken.None);
        InstancePage second = await harness.Store.QueryInstancesAsync(
            new InstanceQuery { PageSize = 10, Statuses = [OrchestrationStatus.Failed], ContinuationToken = first.ContinuationToken }, CancellationToken.None);

        Assert.Equal(["r00", "r04", "r08", "r12"], first.Instances.Select(i => i.InstanceId));
        Assert.Equal(["r16", "r20", "r24", "r28", "r32", "r36"], second.Instances.Select(i => i.InstanceId));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task QueryInstancesAsync_PrefixWithLikeWildcards_MatchesLiterally()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest { InstanceUpserts = [Rows.Instance("a%_1"), Rows.Instance("ab_1"), Rows.Instance("a%x")] });

        InstancePage page = await harness.Store.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = "a%_" }, CancellationToken.None);

        Assert.Equal(["a%_1"], page.Instances.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task QueryInstancesAsync_IncludePayloads_ControlsInputAndOutput()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest { InstanceUpserts = [Rows.Instance("a") with { Output = "\"out\"" }] });

        InstanceRecord without = Assert.Single((await harness.Store.QueryInstancesAsync(new InstanceQuery(), CancellationToken.None)).Instances);
        InstanceRecord with = Assert.Single((await harness.Store.QueryInstancesAsync(new InstanceQuery { IncludePayloads = true }, CancellationToken.None)).Instances);

        Assert.Null(without.Input);
        Assert.Null(without.Output);
        Assert.Equal(Rows.Instance("a").Input, with.Input);
        Assert.Equal("\"out\"", with.Output);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("bm8tc2VwYXJhdG9y")]
    public async Task QueryInstancesAsync_ForeignToken_ThrowsArgumentExceptionSayingWhatToPass(string token)
    {
        await using IStoreHarness harness = await CreateHarnessAsync();

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(
            () => harness.Store.QueryInstancesAsync(new InstanceQuery { ContinuationToken = token }, CancellationToken.None));

        Assert.Contains("previous page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QueryInstancesAsync_PageSizeBelowOne_ThrowsArgumentOutOfRange()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => harness.Store.QueryInstancesAsync(new InstanceQuery { PageSize = 0 }, CancellationToken.None));
    }
}
