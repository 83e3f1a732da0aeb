using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace DurableAgents.Storage.DynamoDb.Items;

/// <summary>The table's key and index attribute names and the key formats of each kind of item (see README "Table").</summary>
internal static class ItemNames
{
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    /// <summary>Index "ByCreated": every instance row under one partition, sorted by creation time then id.</summary>
    public const string CreatedIndex = "ByCreated";
    public const string CreatedPartition = "cp";
    public const string CreatedSort = "ck";
    public const string CreatedPartitionValue = "I";

    /// <summary>
    /// Index "Work": what partition loads and inbox polls read; a sparse index of active instances, inbox messages and
    /// activities, with one key per kind and hub partition (<c>ACTIVE#3</c>), so each hub partition is read on its own and
    /// the index's writes spread over as many keys as the hub has partitions.
    /// </summary>
    public const string WorkIndex = "Work";
    public const string WorkPartition = "wp";
    public const string WorkSort = "wk";
    private const string ActiveWork = "ACTIVE#";
    private const string InboxWork = "INBOX#";
    private const string ActivityWork = "ACTIVITY#";

    /// <summary>The partition key of the hub's own items: the partition count, the leases and the members' heartbeats.</summary>
    public const string HubPartition = "HUB";

    /// <summary>The instance row's sort key; it sorts before every other item of the instance's partition.</summary>
    public const string InstanceSort = "#";
    public const string HistorySortPrefix = "H#";
    public const string ActivitySortPrefix = "Q#";
    public const string InboxSort = "#";

    public static string InstancePartition(string instanceId) => "I#" + instanceId;

    /// <summary>The hub partition an item is listed under in the Work index (the number after <c>#</c> in <c>wp</c>), or null when it is not listed.</summary>
    public static int? WorkPartitionOf(Dictionary<string, AttributeValue> item) =>
        item.TryGetValue(WorkPartition, out AttributeValue? value) && value.S is { } key && key.LastIndexOf('#') is int hash and >= 0
            ? int.Parse(key.AsSpan(hash + 1), NumberStyles.None, CultureInfo.InvariantCulture)
            : null;

    public static string ActiveWorkKey(int partition) => ActiveWork + partition.ToString(CultureInfo.InvariantCulture);

    public static string InboxWorkKey(int partition) => InboxWork + partition.ToString(CultureInfo.InvariantCulture);

    public static string ActivityWorkKey(int partition) => ActivityWork + partition.ToString(CultureInfo.InvariantCulture);

    public static string InboxPartition(long messageId) => "M#" + messageId.ToString("D20", CultureInfo.InvariantCulture);

    /// <summary>History rows are keyed by execution too, so rows written ahead for a new execution never overwrite the current one's.</summary>
    public static string HistorySort(string executionId, int sequence) =>
        HistoryExecutionPrefix(executionId) + sequence.ToString("D10", CultureInfo.InvariantCulture);

    public static string HistoryExecutionPrefix(string executionId) => HistorySortPrefix + executionId + "#";

    public static string ActivitySort(string executionId, int taskId) =>
        ActivitySortPrefix + taskId.ToString("D10", CultureInfo.InvariantCulture) + "#" + executionId;

    public static string Ticks(DateTime time) => time.Ticks.ToString("D19", CultureInfo.InvariantCulture);

    public static string CreatedSortValue(DateTime createdAt, string instanceId) => Ticks(createdAt) + "#" + instanceId;
}
