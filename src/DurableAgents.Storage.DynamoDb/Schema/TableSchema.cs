using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;

namespace DurableAgents.Storage.DynamoDb.Schema;

/// <summary>Creates the task hub table with its two indexes, or checks that it exists.</summary>
internal static class TableSchema
{
    public static async Task EnsureAsync(IAmazonDynamoDB client, string table, bool create, CancellationToken cancellation)
    {
        if (await ExistsAsync(client, table, cancellation).ConfigureAwait(false))
        {
            return;
        }

        if (!create)
        {
            throw new InvalidOperationException(
                $"The DynamoDB table '{table}' does not exist. Create it (see the DynamoDB store's README for its keys and indexes), " +
                $"set TaskHub:DynamoDb:CreateTable=true to let the store create it, or fix TaskHub:DynamoDb:TablePrefix.");
        }

        try
        {
            await client.CreateTableAsync(Definition(table), cancellation).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Another host created it first; wait for it like for our own.
        }

        // Creation is asynchronous: the table takes writes once ACTIVE.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(TimeSpan.FromMinutes(5));
        while (true)
        {
            DescribeTableResponse described = await client.DescribeTableAsync(table, deadline.Token).ConfigureAwait(false);
            if (described.Table.TableStatus == TableStatus.ACTIVE &&
                (described.Table.GlobalSecondaryIndexes ?? []).All(i => i.IndexStatus == IndexStatus.ACTIVE))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token).ConfigureAwait(false);
        }
    }

    private static async Task<bool> ExistsAsync(IAmazonDynamoDB client, string table, CancellationToken cancellation)
    {
        try
        {
            await client.DescribeTableAsync(table, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (ResourceNotFoundException)
        {
            return false;
        }
    }

    internal static CreateTableRequest Definition(string table) => new()
    {
        TableName = table,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(ItemNames.PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(ItemNames.SortKey, ScalarAttributeType.S),
            new AttributeDefinition(ItemNames.CreatedPartition, ScalarAttributeType.S),
            new AttributeDefinition(ItemNames.CreatedSort, ScalarAttributeType.S),
            new AttributeDefinition(ItemNames.WorkPartition, ScalarAttributeType.S),
            new AttributeDefinition(ItemNames.WorkSort, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(ItemNames.PartitionKey, KeyType.HASH),
            new KeySchemaElement(ItemNames.SortKey, KeyType.RANGE),
        ],
        GlobalSecondaryIndexes =
        [
            Index(ItemNames.CreatedIndex, ItemNames.CreatedPartition, ItemNames.CreatedSort),
            Index(ItemNames.WorkIndex, ItemNames.WorkPartition, ItemNames.WorkSort),
        ],
    };

    private static GlobalSecondaryIndex Index(string name, string partition, string sort) => new()
    {
        IndexName = name,
        KeySchema = [new KeySchemaElement(partition, KeyType.HASH), new KeySchemaElement(sort, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };
}
