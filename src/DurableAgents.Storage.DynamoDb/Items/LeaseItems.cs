using System.Globalization;
using Amazon.DynamoDBv2.Model;
using DurableAgents.TaskHub.Storage;
using static DurableAgents.Storage.DynamoDb.Items.AttributeValues;

namespace DurableAgents.Storage.DynamoDb.Items;

/// <summary>
/// The hub's coordination items, all in the one partition <c>HUB</c> so one consistent query reads them together:
/// a partition's lease (sk <c>L#{partition:D4}</c>) and a member's heartbeat (sk <c>M#{owner}</c>).
/// </summary>
internal static class LeaseItems
{
    public const string Partition = "p";
    public const string Owner = "o";
    public const string Epoch = "ep";
    public const string ExpiresAt = "ex";

    private const string LeaseSortPrefix = "L#";
    private const string MemberSortPrefix = "M#";

    public static Dictionary<string, AttributeValue> LeaseKey(int partition) => new()
    {
        [ItemNames.PartitionKey] = S(ItemNames.HubPartition),
        [ItemNames.SortKey] = S(LeaseSortPrefix + partition.ToString("D4", CultureInfo.InvariantCulture)),
    };

    public static Dictionary<string, AttributeValue> MemberKey(string owner) => new()
    {
        [ItemNames.PartitionKey] = S(ItemNames.HubPartition),
        [ItemNames.SortKey] = S(MemberSortPrefix + owner),
    };

    public static Dictionary<string, AttributeValue> ToItem(PartitionLease lease)
    {
        Dictionary<string, AttributeValue> item = LeaseKey(lease.Partition);
        item[Partition] = N(lease.Partition);
        SetString(item, Owner, lease.Owner);
        item[Epoch] = N(lease.Epoch);
        item[ExpiresAt] = N(lease.ExpiresAt.Ticks);
        return item;
    }

    public static Dictionary<string, AttributeValue> ToItem(PartitionMember member)
    {
        Dictionary<string, AttributeValue> item = MemberKey(member.Owner);
        item[Owner] = S(member.Owner);
        item[ExpiresAt] = N(member.ExpiresAt.Ticks);
        return item;
    }

    public static bool IsLease(Dictionary<string, AttributeValue> item) => item[ItemNames.SortKey].S.StartsWith(LeaseSortPrefix, StringComparison.Ordinal);

    public static bool IsMember(Dictionary<string, AttributeValue> item) => item[ItemNames.SortKey].S.StartsWith(MemberSortPrefix, StringComparison.Ordinal);

    public static PartitionLease LeaseFromItem(Dictionary<string, AttributeValue> item) =>
        new((int)GetLong(item, Partition), GetString(item, Owner), GetLong(item, Epoch), GetTime(item, ExpiresAt));

    public static PartitionMember MemberFromItem(Dictionary<string, AttributeValue> item) =>
        new(GetRequiredString(item, Owner), GetTime(item, ExpiresAt));

    /// <summary>What a partition that was never claimed looks like: no owner, epoch 0, lapsed since forever.</summary>
    public static PartitionLease NeverClaimed(int partition) => new(partition, null, 0, DateTime.MinValue);

    /// <summary>
    /// The condition "the lease is still exactly <paramref name="lease"/>" (owner and epoch): an epoch of 0 means the
    /// partition was never claimed (no item yet), and a null owner a released lease (the item has no owner attribute).
    /// </summary>
    public static (string Expression, Dictionary<string, string>? Names, Dictionary<string, AttributeValue>? Values) IsStill(PartitionLease lease)
    {
        if (lease.Epoch == 0)
        {
            return ("attribute_not_exists(pk)", null, null);
        }

        var names = new Dictionary<string, string> { ["#o"] = Owner, ["#ep"] = Epoch };
        var values = new Dictionary<string, AttributeValue> { [":ep"] = N(lease.Epoch) };
        if (lease.Owner is null)
        {
            return ("#ep = :ep AND attribute_not_exists(#o)", names, values);
        }

        values[":o"] = S(lease.Owner);
        return ("#o = :o AND #ep = :ep", names, values);
    }

    /// <summary>Whether the lease item read back (null: none) is still <paramref name="fence"/>'s owner and epoch.</summary>
    public static bool Holds(Dictionary<string, AttributeValue>? item, PartitionLease fence) =>
        item is not null && GetString(item, Owner) == fence.Owner && GetLong(item, Epoch) == fence.Epoch;

    /// <summary>
    /// The check a fenced commit carries in its transaction: the partition's lease still has the committing engine as
    /// owner with the same epoch. Expiry is not checked: the engine stops committing before its lease lapses (by its own
    /// clock), and a lapsed lease that nobody claimed yet is still safely the owner's.
    /// </summary>
    public static ConditionCheck FenceCheck(string table, PartitionLease fence)
    {
        (string expression, Dictionary<string, string>? names, Dictionary<string, AttributeValue>? values) = IsStill(fence);
        return new ConditionCheck
        {
            TableName = table,
            Key = LeaseKey(fence.Partition),
            ConditionExpression = expression,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
        };
    }
}
