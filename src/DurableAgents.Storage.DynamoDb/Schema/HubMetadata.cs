using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.Storage.DynamoDb.Writing;

namespace DurableAgents.Storage.DynamoDb.Schema;

/// <summary>
/// The hub's settings that every sidecar of a table must share, in one item (pk <c>HUB</c>, sk <c>META</c>): today the
/// partition count, which fixes where every instance's index keys and lease live.
/// </summary>
internal static class HubMetadata
{
    private const string PartitionCountAttribute = "pc";

    private static Dictionary<string, AttributeValue> Key() => new()
    {
        [ItemNames.PartitionKey] = AttributeValues.S(ItemNames.HubPartition),
        [ItemNames.SortKey] = AttributeValues.S("META"),
    };

    /// <summary>
    /// The stored partition count; a table without one (new) gets <paramref name="configured"/> or the default, written
    /// only if no other sidecar wrote one first. A configured count that differs from the stored one fails the start.
    /// </summary>
    public static async Task<int> ResolvePartitionCountAsync(TableAccess table, int? configured, CancellationToken cancellation)
    {
        Dictionary<string, AttributeValue>? item = await table.GetItemAsync(Key(), cancellation).ConfigureAwait(false);
        if (item is null)
        {
            await RefuseTableWithoutPartitionsAsync(table, cancellation).ConfigureAwait(false);
            Dictionary<string, AttributeValue> created = Key();
            created[PartitionCountAttribute] = AttributeValues.N(configured ?? DynamoDbTaskHubStoreOptions.DefaultPartitionCount);
            try
            {
                PutItemResponse response = await table.Client.PutItemAsync(
                    new PutItemRequest
                    {
                        TableName = table.Table,
                        Item = created,
                        ConditionExpression = "attribute_not_exists(pk)",
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                    },
                    cancellation).ConfigureAwait(false);
                table.Usage.RecordWrite(response.ConsumedCapacity is null ? null : [response.ConsumedCapacity]);
                item = created;
            }
            catch (ConditionalCheckFailedException)
            {
                // Another sidecar initialised the table at the same moment: its count is the table's.
                table.Usage.RecordWrite(null);
                item = await table.GetItemAsync(Key(), cancellation).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"The hub settings item of DynamoDB table '{table.Table}' vanished while the store started; start again.");
            }
        }

        int stored = (int)AttributeValues.GetLong(item, PartitionCountAttribute);
        if (configured is { } count && count != stored)
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{table.Table}' has {stored} partitions, but TaskHub:DynamoDb:PartitionCount is {count}. " +
                $"Every sidecar of a table must use the table's count, which is fixed when the table is first used: set it to {stored} " +
                "or leave it unset (the table's count applies), or use another table (TaskHub:DynamoDb:TablePrefix) for a different count.");
        }

        return stored;
    }

    /// <summary>
    /// A table that has instance rows but no settings item was written before instances were spread over partitions: its
    /// rows lack the partition's index keys, so the partitions' loads and inbox polls would never find their work.
    /// </summary>
    private static async Task RefuseTableWithoutPartitionsAsync(TableAccess table, CancellationToken cancellation)
    {
        // Every instance row is in the ByCreated index: one item read tells whether the table is empty of instances.
        ScanResponse response = await table.Client.ScanAsync(
            new ScanRequest
            {
                TableName = table.Table,
                IndexName = ItemNames.CreatedIndex,
                Limit = 1,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            },
            cancellation).ConfigureAwait(false);
        table.Usage.RecordRead(response.ConsumedCapacity);
        if (response.Items is { Count: > 0 })
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{table.Table}' has instances but no hub settings item (pk '{ItemNames.HubPartition}', sk 'META'): it was " +
                "written by a version of the store from before instances were spread over partitions, and this version cannot read it. " +
                "Let its instances finish with the version that wrote it, then delete the table (or use another TaskHub:DynamoDb:TablePrefix).");
        }
    }
}
