using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;

namespace DurableAgents.Storage.DynamoDb.Writing;

/// <summary>
/// The single-item writes that mark and settle what a split commit wrote ahead or consumed. Each is conditional on the
/// item still carrying the commit's token, and none creates an item: on a table several engines share, the engine that
/// owns an item's instance may have consumed (deleted) it meanwhile, and rewriting a copy would bring it back.
/// </summary>
internal static class SplitTags
{
    /// <summary>On an inbox or activity item written ahead: the commit's token and the instance whose row decides it.</summary>
    public const string AheadToken = "pt";
    public const string AheadInstance = "pi";

    /// <summary>On an inbox or activity item the commit consumes: the commit's token and the deciding instance.</summary>
    public const string ConsumedToken = "ct";
    public const string ConsumedInstance = "ci";

    /// <summary>Single-item writes in flight at once per settling.</summary>
    private const int Parallelism = 8;

    /// <summary>Marks an existing item consumed by the split commit <paramref name="token"/> (a missing item stays missing).</summary>
    public static Task MarkConsumedAsync(TableAccess table, Dictionary<string, AttributeValue> key, string instanceId, string token, CancellationToken cancellation) =>
        UpdateAsync(table, key, "SET #ct = :ct, #ci = :ci", "attribute_exists(pk)", ConsumedNames, new() { [":ct"] = AttributeValues.S(token), [":ci"] = AttributeValues.S(instanceId) }, cancellation);

    /// <summary>The commit applied: the item written ahead loses its tag and counts like any other.</summary>
    public static Task UntagAheadAsync(TableAccess table, Dictionary<string, AttributeValue> key, string token, CancellationToken cancellation) =>
        UpdateAsync(table, key, "REMOVE #pt, #pi", "#pt = :t", AheadNames, Token(token), cancellation);

    /// <summary>The commit did not apply: its consumed mark goes and the item counts again.</summary>
    public static Task UnmarkConsumedAsync(TableAccess table, Dictionary<string, AttributeValue> key, string token, CancellationToken cancellation) =>
        UpdateAsync(table, key, "REMOVE #ct, #ci", "#ct = :t", ConsumedNames, Token(token), cancellation);

    /// <summary>The commit did not apply: the item it wrote ahead is deleted (unless a later write replaced it).</summary>
    public static async Task DeleteAheadAsync(TableAccess table, Dictionary<string, AttributeValue> key, string token, CancellationToken cancellation)
    {
        try
        {
            DeleteItemResponse response = await table.Client.DeleteItemAsync(
                new DeleteItemRequest
                {
                    TableName = table.Table,
                    Key = key,
                    ConditionExpression = "#pt = :t",
                    ExpressionAttributeNames = new Dictionary<string, string> { ["#pt"] = AheadToken },
                    ExpressionAttributeValues = Token(token),
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                },
                cancellation).ConfigureAwait(false);
            table.Usage.RecordWrite(response.ConsumedCapacity is null ? null : [response.ConsumedCapacity]);
        }
        catch (ConditionalCheckFailedException)
        {
            table.Usage.RecordWrite(null);
        }
    }

    /// <summary>Runs <paramref name="write"/> for each key, <see cref="Parallelism"/> at a time.</summary>
    public static Task ForEachAsync<T>(IEnumerable<T> keys, Func<T, CancellationToken, Task> write, CancellationToken cancellation) =>
        Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellation },
            async (key, token) => await write(key, token).ConfigureAwait(false));

    private static Dictionary<string, string> AheadNames => new() { ["#pt"] = AheadToken, ["#pi"] = AheadInstance };

    private static Dictionary<string, string> ConsumedNames => new() { ["#ct"] = ConsumedToken, ["#ci"] = ConsumedInstance };

    private static Dictionary<string, AttributeValue> Token(string token) => new() { [":t"] = AttributeValues.S(token) };

    private static async Task UpdateAsync(
        TableAccess table,
        Dictionary<string, AttributeValue> key,
        string update,
        string condition,
        Dictionary<string, string> names,
        Dictionary<string, AttributeValue> values,
        CancellationToken cancellation)
    {
        try
        {
            UpdateItemResponse response = await table.Client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = table.Table,
                    Key = key,
                    UpdateExpression = update,
                    ConditionExpression = condition,
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                },
                cancellation).ConfigureAwait(false);
            table.Usage.RecordWrite(response.ConsumedCapacity is null ? null : [response.ConsumedCapacity]);
        }
        catch (ConditionalCheckFailedException)
        {
            // Consumed, replaced or already settled meanwhile: nothing is left to do.
            table.Usage.RecordWrite(null);
        }
    }
}
