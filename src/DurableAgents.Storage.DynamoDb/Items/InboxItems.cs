using Amazon.DynamoDBv2.Model;
using DurableAgents.History;
using DurableAgents.TaskHub.Storage;
using static DurableAgents.Storage.DynamoDb.Items.AttributeValues;

namespace DurableAgents.Storage.DynamoDb.Items;

/// <summary>
/// One inbox message: pk <c>M#messageId</c> (the engine deletes messages by id alone), listed in the Work index under
/// INBOX#{partition of the instance} in message id order.
/// </summary>
internal static class InboxItems
{
    public const string InstanceId = "iid";
    public const string MessageId = "mid";
    private const string VisibleAt = "va";
    private const string Event = "ev";

    public static Dictionary<string, AttributeValue> Key(long messageId) => new()
    {
        [ItemNames.PartitionKey] = S(ItemNames.InboxPartition(messageId)),
        [ItemNames.SortKey] = S(ItemNames.InboxSort),
    };

    public static Dictionary<string, AttributeValue> ToItem(InboxMessage message, int partitionCount)
    {
        Dictionary<string, AttributeValue> item = Key(message.MessageId);
        item[MessageId] = N(message.MessageId);
        item[InstanceId] = S(message.InstanceId);
        item[VisibleAt] = N(message.VisibleAt.Ticks);
        item[Event] = S(HistoryJson.Serialize(message.Event));
        item[ItemNames.WorkPartition] = S(ItemNames.InboxWorkKey(TaskHubPartitions.Of(message.InstanceId, partitionCount)));
        item[ItemNames.WorkSort] = item[ItemNames.PartitionKey];
        return item;
    }

    public static InboxMessage FromItem(Dictionary<string, AttributeValue> item) => new(
        GetLong(item, MessageId),
        GetRequiredString(item, InstanceId),
        HistoryJson.Deserialize(GetRequiredString(item, Event)),
        GetTime(item, VisibleAt));
}
