using Amazon.DynamoDBv2.Model;
using DurableAgents.History;
using DurableAgents.TaskHub.Storage;
using static DurableAgents.Storage.DynamoDb.Items.AttributeValues;

namespace DurableAgents.Storage.DynamoDb.Items;

/// <summary>
/// One activity queue row: pk <c>I#id</c>, sk <c>Q#taskId#executionId</c> (so a purge finds it with the instance's
/// other items), listed in the Work index under ACTIVITY#{partition} in scheduled-time order.
/// </summary>
internal static class ActivityItems
{
    public const string InstanceId = "iid";
    private const string ExecutionId = "xid";
    private const string TaskId = "tid";
    private const string Name = "nm";
    private const string Version = "ver";
    private const string Input = "in";
    private const string Tags = "tg";
    private const string ScheduledAt = "sa";
    private const string ParentTrace = "ptc";

    public static Dictionary<string, AttributeValue> Key(ActivityKey key) => new()
    {
        [ItemNames.PartitionKey] = S(ItemNames.InstancePartition(key.InstanceId)),
        [ItemNames.SortKey] = S(ItemNames.ActivitySort(key.ExecutionId, key.TaskId)),
    };

    public static Dictionary<string, AttributeValue> ToItem(ActivityTask activity, int partitionCount)
    {
        Dictionary<string, AttributeValue> item = Key(activity.Key);
        item[InstanceId] = S(activity.InstanceId);
        item[ExecutionId] = S(activity.ExecutionId);
        item[TaskId] = N(activity.TaskId);
        item[Name] = S(activity.Name);
        SetString(item, Version, activity.Version);
        SetString(item, Input, activity.Input);
        SetString(item, Tags, StoreJson.Serialize(activity.Tags));
        item[ScheduledAt] = N(activity.ScheduledAt.Ticks);
        SetString(item, ParentTrace, StoreJson.Serialize(activity.ParentTraceContext));
        item[ItemNames.WorkPartition] = S(ItemNames.ActivityWorkKey(TaskHubPartitions.Of(activity.InstanceId, partitionCount)));
        item[ItemNames.WorkSort] = S(ItemNames.Ticks(activity.ScheduledAt) + "#" + item[ItemNames.PartitionKey].S + "#" + item[ItemNames.SortKey].S);
        return item;
    }

    public static ActivityTask FromItem(Dictionary<string, AttributeValue> item) => new(
        GetRequiredString(item, InstanceId),
        GetRequiredString(item, ExecutionId),
        (int)GetLong(item, TaskId),
        GetRequiredString(item, Name),
        GetString(item, Version),
        GetString(item, Input),
        StoreJson.DeserializeTags(GetString(item, Tags)),
        GetTime(item, ScheduledAt),
        StoreJson.Deserialize<TraceContext>(GetString(item, ParentTrace)));
}
