using DurableAgents.Storage.Sqlite.Connections;
using DurableAgents.Storage.Sqlite.Rows;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;

namespace DurableAgents.Storage.Sqlite.Reading;

/// <summary>Runs <see cref="InstanceQuery"/> pages as keyset scans over (created_at, instance_id).</summary>
internal static class InstanceQueries
{
    // Absent filters bind sentinels (not NULL) so the range and keyset terms stay index seeks.
    private const string Filter =
        " WHERE created_at >= $from AND created_at <= $to" +
        " AND (created_at, instance_id) > ($afterCreated, $afterId)" +
        " AND ($statusMask = 0 OR (($statusMask >> status) & 1) = 1)" +
        " AND ($prefix = '' OR (instance_id >= $prefix AND substr(instance_id, 1, length($prefix)) = $prefix))" +
        " ORDER BY created_at, instance_id LIMIT $limit;";

    private static readonly string[] Parameters =
        ["$from", "$to", "$afterCreated", "$afterId", "$statusMask", "$prefix", "$limit"];

    private static readonly SqlStatement PageWithPayloads = new(InstanceRows.SelectWithPayloads + Filter, Parameters);

    private static readonly SqlStatement PageWithoutPayloads = new(InstanceRows.SelectWithoutPayloads + Filter, Parameters);

    /// <summary>Checks the query before a connection is taken, so a bad argument costs no pooled connection.</summary>
    public static ContinuationToken Validate(InstanceQuery query)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        return ContinuationToken.Parse(query.ContinuationToken);
    }

    public static InstancePage ReadPage(CommandCache connection, InstanceQuery query, ContinuationToken after)
    {
        long statusMask = 0;
        if (query.Statuses is not null)
        {
            foreach (OrchestrationStatus status in query.Statuses)
            {
                statusMask |= 1L << (int)status;
            }
        }

        PreparedCommand command = connection.Get(query.IncludePayloads ? PageWithPayloads : PageWithoutPayloads)
            .Set(0, query.CreatedFrom is { } from ? SqliteTime.ToTicks(from) : long.MinValue)
            .Set(1, query.CreatedTo is { } to ? SqliteTime.ToTicks(to) : long.MaxValue)
            .Set(2, after.CreatedTicks)
            .Set(3, after.InstanceId)
            .Set(4, statusMask)
            .Set(5, query.InstanceIdPrefix ?? string.Empty)
            // One row more than the page tells whether another page follows without a second query.
            .Set(6, (long)query.PageSize + 1);

        var rows = new List<InstanceRecord>(Math.Min(query.PageSize + 1, 1024));
        using (SqliteDataReader reader = command.ExecuteReader(null))
        {
            while (reader.Read())
            {
                rows.Add(InstanceRows.Read(reader));
            }
        }

        if (rows.Count <= query.PageSize)
        {
            return new InstancePage(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        InstanceRecord last = rows[^1];
        string token = new ContinuationToken(SqliteTime.ToTicks(last.CreatedAt), last.InstanceId).Encode();
        return new InstancePage(rows, token);
    }
}
