using Amazon.DynamoDBv2.Model;
using DurableAgents.History;
using static DurableAgents.Storage.DynamoDb.Items.AttributeValues;

namespace DurableAgents.Storage.DynamoDb.Items;

/// <summary>One history row: pk <c>I#id</c>, sk <c>H#executionId#sequence</c>, with the execution id, the sequence and the event in HistoryJson form.</summary>
internal static class HistoryItems
{
    public const string ExecutionId = "xid";
    private const string Event = "ev";

    public const string Sequence = "seq";

    public static Dictionary<string, AttributeValue> Key(string instanceId, string executionId, int sequence) => new()
    {
        [ItemNames.PartitionKey] = S(ItemNames.InstancePartition(instanceId)),
        [ItemNames.SortKey] = S(ItemNames.HistorySort(executionId, sequence)),
    };

    public static Dictionary<string, AttributeValue> ToItem(string instanceId, string executionId, int sequence, HistoryEvent historyEvent)
    {
        Dictionary<string, AttributeValue> item = Key(instanceId, executionId, sequence);
        item[ExecutionId] = S(executionId);
        item[Sequence] = N(sequence);
        item[Event] = S(HistoryJson.Serialize(historyEvent));
        return item;
    }

    public static HistoryEvent ReadEvent(Dictionary<string, AttributeValue> item) => HistoryJson.Deserialize(GetRequiredString(item, Event));
}
