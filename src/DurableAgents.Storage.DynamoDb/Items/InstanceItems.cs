using Amazon.DynamoDBv2.Model;
using DurableAgents.History;
using DurableAgents.TaskHub.Storage;
using static DurableAgents.Storage.DynamoDb.Items.AttributeValues;

namespace DurableAgents.Storage.DynamoDb.Items;

/// <summary>Maps an <see cref="InstanceRecord"/> to and from its item (pk <c>I#id</c>, sk <c>#</c>).</summary>
internal static class InstanceItems
{
    public const string Status = "st";
    public const string RowVersion = "rv";
    public const string InstanceId = "iid";
    public const string ExecutionId = "xid";
    private const string Name = "nm";
    private const string Version = "ver";
    private const string Input = "in";
    private const string Output = "out";
    private const string CustomStatus = "cs";
    private const string Failure = "fd";
    private const string CreatedAt = "ca";
    private const string LastUpdatedAt = "lu";
    private const string CompletedAt = "co";
    private const string ScheduledStartAt = "ss";
    private const string Parent = "par";
    private const string Tags = "tg";
    private const string Trace = "tc";
    public const string HistoryLength = "hl";

    public static Dictionary<string, AttributeValue> Key(string instanceId) => new()
    {
        [ItemNames.PartitionKey] = S(ItemNames.InstancePartition(instanceId)),
        [ItemNames.SortKey] = S(ItemNames.InstanceSort),
    };

    public static Dictionary<string, AttributeValue> ToItem(InstanceRecord record, int partitionCount)
    {
        Dictionary<string, AttributeValue> item = Key(record.InstanceId);
        item[InstanceId] = S(record.InstanceId);
        item[ExecutionId] = S(record.ExecutionId);
        item[Name] = S(record.Name);
        SetString(item, Version, record.Version);
        item[Status] = N((int)record.Status);
        SetString(item, Input, record.Input);
        SetString(item, Output, record.Output);
        SetString(item, CustomStatus, record.CustomStatus);
        SetString(item, Failure, StoreJson.Serialize(record.FailureDetails));
        item[CreatedAt] = N(record.CreatedAt.Ticks);
        item[LastUpdatedAt] = N(record.LastUpdatedAt.Ticks);
        SetTicks(item, CompletedAt, record.CompletedAt);
        SetTicks(item, ScheduledStartAt, record.ScheduledStartAt);
        SetString(item, Parent, StoreJson.Serialize(record.Parent));
        SetString(item, Tags, StoreJson.Serialize(record.Tags));
        SetString(item, Trace, StoreJson.Serialize(record.TraceContext));
        item[HistoryLength] = N(record.HistoryLength);
        item[RowVersion] = N(record.RowVersion);

        // Index keys: every row is listed by creation time; only rows that are not terminal are in the recovery index.
        item[ItemNames.CreatedPartition] = S(ItemNames.CreatedPartitionValue);
        item[ItemNames.CreatedSort] = S(ItemNames.CreatedSortValue(record.CreatedAt, record.InstanceId));
        if (!record.Status.IsTerminal())
        {
            item[ItemNames.WorkPartition] = S(ItemNames.ActiveWorkKey(TaskHubPartitions.Of(record.InstanceId, partitionCount)));
            item[ItemNames.WorkSort] = S(record.InstanceId);
        }

        return item;
    }

    /// <summary>
    /// Drops the input, output and custom status (or their references to chunks) from a row read for a caller that does not
    /// want them, so a large value is not read for nothing.
    /// </summary>
    public static Dictionary<string, AttributeValue> WithoutPayloads(Dictionary<string, AttributeValue> item)
    {
        foreach (string name in (string[])[Input, Output, CustomStatus])
        {
            item.Remove(name);
            item.Remove(name + ValueChunks.ReferenceSuffix);
        }

        return item;
    }

    public static InstanceRecord FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        InstanceId = GetRequiredString(item, InstanceId),
        ExecutionId = GetRequiredString(item, ExecutionId),
        Name = GetRequiredString(item, Name),
        Version = GetString(item, Version),
        Status = (OrchestrationStatus)GetLong(item, Status),
        Input = GetString(item, Input),
        Output = GetString(item, Output),
        CustomStatus = GetString(item, CustomStatus),
        FailureDetails = StoreJson.Deserialize<FailureDetails>(GetString(item, Failure)),
        CreatedAt = GetTime(item, CreatedAt),
        LastUpdatedAt = GetTime(item, LastUpdatedAt),
        CompletedAt = GetOptionalTime(item, CompletedAt),
        ScheduledStartAt = GetOptionalTime(item, ScheduledStartAt),
        Parent = StoreJson.Deserialize<ParentInstanceInfo>(GetString(item, Parent)),
        Tags = StoreJson.DeserializeTags(GetString(item, Tags)),
        TraceContext = StoreJson.Deserialize<OrchestrationTraceContext>(GetString(item, Trace)),
        HistoryLength = (int)GetLong(item, HistoryLength),
        RowVersion = GetLong(item, RowVersion),
    };
}
