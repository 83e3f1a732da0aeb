using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.Storage.DynamoDb.Writing;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>Which requests of a batch the DynamoDB store may write at the same time: only those that share no item.</summary>
public sealed class CommitGroupsTests
{
    private const int Partitions = 16;

    [Fact]
    public void Of_StartsOfDifferentInstances_AreGroupsOfTheirOwn()
    {
        Assert.Equal(
            [[0], [1], [2]],
            Groups(Rows.Start("a", 1), Rows.Start("b", 2), Rows.Start("c", 3)));
    }

    [Fact]
    public void Of_RequestsSharingAnInstanceOrAMessage_StayTogetherInListOrder()
    {
        CommitRequest raise = new() { InboxInserts = [Rows.Message(5, "a")] };
        CommitRequest consume = new()
        {
            Conditions = [InstanceCondition.VersionEquals("b", 1)],
            InstanceUpserts = [Rows.Instance("b", rowVersion: 2)],
            InboxDeletes = [5],
        };
        CommitRequest activity = new() { ActivityInserts = [Rows.Activity("c", 1)] };
        CommitRequest episodeOfC = new() { InstanceUpserts = [Rows.Instance("c", rowVersion: 2)] };

        Assert.Equal(
            [[0, 2], [1, 3]],
            Groups(raise, activity, consume, episodeOfC));
    }

    [Fact]
    public void Of_RequestsFencedByOneLease_StayTogetherAndOtherLeasesAreApart()
    {
        PartitionLease first = new(3, "me", 1, Rows.T0);
        PartitionLease second = new(4, "me", 1, Rows.T0);

        Assert.Equal(
            [[0, 2], [1]],
            Groups(
                new CommitRequest { Fence = first, InstanceUpserts = [Rows.Instance("a")] },
                new CommitRequest { Fence = second, InstanceUpserts = [Rows.Instance("b")] },
                new CommitRequest { Fence = first, InstanceUpserts = [Rows.Instance("c")] }));
    }

    [Fact]
    public void Of_ABatchWithAPurge_IsOneGroup()
    {
        Assert.Equal(
            [[0, 1, 2]],
            Groups(Rows.Start("a", 1), new CommitRequest { Purges = ["z"] }, Rows.Start("c", 3)));
    }

    [Fact]
    public void Of_AHistoryDelete_JoinsRequestsOnItsInstance()
    {
        CommitRequest replaced = new() { HistoryDeletes = ["a"], InboxInserts = [Rows.Message(9, "b")] };
        CommitRequest activity = new() { ActivityInserts = [Rows.Activity("a", 1)] };

        Assert.Equal([[0, 1]], Groups(replaced, activity));
    }

    [Fact]
    public void Of_ARefusedRequest_ConflictsWithNothing()
    {
        CommitRequest refused = Rows.Start("a", 1);
        refused = new CommitRequest
        {
            Conditions = refused.Conditions,
            InstanceUpserts = [Rows.Instance("a") with { Tags = new Dictionary<string, string> { ["big"] = new string('x', 500 * 1024) } }],
        };

        IReadOnlyList<RequestTransaction> transactions = Build(refused, Rows.Start("a", 2));

        Assert.NotNull(transactions[0].Refusal);
        Assert.Equal([[0], [1]], CommitGroups.Of(transactions).Select(g => g.ToArray()));
    }

    private static IEnumerable<int[]> Groups(params CommitRequest[] requests) => CommitGroups.Of(Build(requests)).Select(g => g.ToArray());

    private static IReadOnlyList<RequestTransaction> Build(params CommitRequest[] requests) =>
        [.. requests.Select(request => RequestTransaction.Build(request, "table", Partitions))];
}
