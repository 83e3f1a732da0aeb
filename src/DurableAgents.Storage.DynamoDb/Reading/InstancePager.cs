using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.Storage.DynamoDb.Writing;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.DynamoDb.Reading;

/// <summary>
/// Reads <see cref="InstanceQuery"/> pages from the ByCreated index: a key range on (created ticks, id), statuses and
/// the id prefix as a filter. DynamoDB applies a query's Limit before its filter, so a page may take several calls.
/// </summary>
internal static class InstancePager
{
    public static string? Validate(InstanceQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        return PageToken.Decode(query.ContinuationToken);
    }

    public static async Task<InstancePage> ReadPageAsync(
        TableAccess table, InstanceQuery query, string? after, CancellationToken cancellation)
    {
        var names = new Dictionary<string, string> { ["#cp"] = ItemNames.CreatedPartition, ["#ck"] = ItemNames.CreatedSort };
        var values = new Dictionary<string, AttributeValue>
        {
            [":cp"] = AttributeValues.S(ItemNames.CreatedPartitionValue),
            // '#' follows the ticks in every key, and '$' sorts right after '#': the range holds every id of those ticks.
            [":lo"] = AttributeValues.S(query.CreatedFrom is { } from ? ItemNames.Ticks(from) : ItemNames.Ticks(DateTime.MinValue)),
            [":hi"] = AttributeValues.S((query.CreatedTo is { } to ? ItemNames.Ticks(to) : ItemNames.Ticks(DateTime.MaxValue)) + "$"),
        };
        var filters = new List<string>();
        if (query.Statuses is { Count: > 0 } statuses)
        {
            names["#st"] = InstanceItems.Status;
            var placeholders = new List<string>();
            foreach (OrchestrationStatus status in statuses.Distinct())
            {
                string placeholder = string.Create(CultureInfo.InvariantCulture, $":s{(int)status}");
                values[placeholder] = AttributeValues.N((int)status);
                placeholders.Add(placeholder);
            }

            filters.Add($"#st IN ({string.Join(", ", placeholders)})");
        }

        if (!string.IsNullOrEmpty(query.InstanceIdPrefix))
        {
            names["#iid"] = InstanceItems.InstanceId;
            values[":prefix"] = AttributeValues.S(query.InstanceIdPrefix);
            filters.Add("begins_with(#iid, :prefix)");
        }

        var rows = new List<InstanceRecord>(Math.Min(query.PageSize + 1, 1024));
        Dictionary<string, AttributeValue>? start = after is null ? null : StartAfter(after);
        do
        {
            var request = new QueryRequest
            {
                TableName = table.Table,
                IndexName = ItemNames.CreatedIndex,
                KeyConditionExpression = "#cp = :cp AND #ck BETWEEN :lo AND :hi",
                FilterExpression = filters.Count == 0 ? null : string.Join(" AND ", filters),
                ExpressionAttributeNames = names,
                ExpressionAttributeValues = values,
                ExclusiveStartKey = start,
                // One row more than the page tells whether another page follows.
                Limit = query.PageSize + 1 - rows.Count,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            };
            QueryResponse response = await table.Client.QueryAsync(request, cancellation).ConfigureAwait(false);
            table.Usage.RecordRead(response.ConsumedCapacity);
            List<Dictionary<string, AttributeValue>> items = [.. (response.Items ?? []).Select(item => query.IncludePayloads ? item : InstanceItems.WithoutPayloads(item))];
            foreach (Dictionary<string, AttributeValue> item in await table.WithValuesAsync(items, cancellation).ConfigureAwait(false))
            {
                rows.Add(InstanceItems.FromItem(item));
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null && rows.Count <= query.PageSize);

        if (rows.Count <= query.PageSize)
        {
            return new InstancePage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        InstanceRecord lastRow = rows[^1];
        return new InstancePage(rows, PageToken.Encode(ItemNames.CreatedSortValue(lastRow.CreatedAt, lastRow.InstanceId)));
    }

    /// <summary>An index's start key names the index's keys and the table's keys of the row to continue after.</summary>
    private static Dictionary<string, AttributeValue> StartAfter(string createdSortKey)
    {
        string instanceId = createdSortKey[20..];
        return new Dictionary<string, AttributeValue>
        {
            [ItemNames.CreatedPartition] = AttributeValues.S(ItemNames.CreatedPartitionValue),
            [ItemNames.CreatedSort] = AttributeValues.S(createdSortKey),
            [ItemNames.PartitionKey] = AttributeValues.S(ItemNames.InstancePartition(instanceId)),
            [ItemNames.SortKey] = AttributeValues.S(ItemNames.InstanceSort),
        };
    }
}
