using DurableAgents.Storage.Sqlite.Connections;
using DurableAgents.Storage.Sqlite.Serialization;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;

namespace DurableAgents.Storage.Sqlite.Rows;

/// <summary>SQL and row mapping of the instances table.</summary>
internal static class InstanceRows
{
    private const string Columns =
        "instance_id, execution_id, name, version, status, failure_details, created_at, last_updated_at, " +
        "completed_at, scheduled_start_at, parent, tags, history_length, row_version, trace_context";

    /// <summary>The select list with payloads: <see cref="Columns"/> then input, output, custom status.</summary>
    public const string SelectWithPayloads = "SELECT " + Columns + ", input, output, custom_status FROM instances";

    /// <summary>The select list without payloads (three NULLs keep the column positions).</summary>
    public const string SelectWithoutPayloads = "SELECT " + Columns + ", NULL, NULL, NULL FROM instances";

    public static readonly SqlStatement Upsert = new(
        "INSERT INTO instances (instance_id, execution_id, name, version, status, input, output, custom_status, " +
        "failure_details, created_at, last_updated_at, completed_at, scheduled_start_at, parent, tags, " +
        "history_length, row_version, trace_context) VALUES ($id, $execution, $name, $version, $status, $input, $output, " +
        "$customStatus, $failure, $created, $updated, $completed, $scheduledStart, $parent, $tags, $historyLength, " +
        "$rowVersion, $traceContext) ON CONFLICT (instance_id) DO UPDATE SET execution_id = excluded.execution_id, " +
        "name = excluded.name, version = excluded.version, status = excluded.status, input = excluded.input, " +
        "output = excluded.output, custom_status = excluded.custom_status, failure_details = excluded.failure_details, " +
        "created_at = excluded.created_at, last_updated_at = excluded.last_updated_at, " +
        "completed_at = excluded.completed_at, scheduled_start_at = excluded.scheduled_start_at, " +
        "parent = excluded.parent, tags = excluded.tags, history_length = excluded.history_length, " +
        "row_version = excluded.row_version, trace_context = excluded.trace_context;",
        "$id", "$execution", "$name", "$version", "$status", "$input", "$output", "$customStatus", "$failure",
        "$created", "$updated", "$completed", "$scheduledStart", "$parent", "$tags", "$historyLength", "$rowVersion",
        "$traceContext");

    /// <summary>
    /// The common case of <see cref="Upsert"/>: the row exists and keeps its status and creation time. Leaving the
    /// indexed columns out of the SET list spares SQLite rewriting both secondary index entries; it changes no
    /// row when the status or creation time differ (or the row is missing), and the caller then runs the upsert.
    /// Parameters are in <see cref="Upsert"/>'s order so one binding serves both.
    /// </summary>
    public static readonly SqlStatement UpdateKeepingIndexedColumns = new(
        "UPDATE instances SET execution_id = $execution, name = $name, version = $version, input = $input, " +
        "output = $output, custom_status = $customStatus, failure_details = $failure, last_updated_at = $updated, " +
        "completed_at = $completed, scheduled_start_at = $scheduledStart, parent = $parent, tags = $tags, " +
        "history_length = $historyLength, row_version = $rowVersion, trace_context = $traceContext " +
        "WHERE instance_id = $id AND status = $status AND created_at = $created;",
        "$id", "$execution", "$name", "$version", "$status", "$input", "$output", "$customStatus", "$failure",
        "$created", "$updated", "$completed", "$scheduledStart", "$parent", "$tags", "$historyLength", "$rowVersion",
        "$traceContext");

    public static readonly SqlStatement Delete = new("DELETE FROM instances WHERE instance_id = $id;", "$id");

    public static readonly SqlStatement SelectCondition = new(
        "SELECT status, row_version FROM instances WHERE instance_id = $id;", "$id");

    public static readonly SqlStatement SelectOneWithPayloads = new(SelectWithPayloads + " WHERE instance_id = $id;", "$id");

    public static readonly SqlStatement SelectOneWithoutPayloads = new(SelectWithoutPayloads + " WHERE instance_id = $id;", "$id");

    /// <summary>Non-terminal instances (Running, ContinuedAsNew, Pending, Suspended) for recovery.</summary>
    public static readonly SqlStatement SelectActive = new(
        SelectWithPayloads + " WHERE status IN (0, 2, 6, 7) ORDER BY created_at, instance_id;");

    public static void BindUpsert(PreparedCommand command, InstanceRecord record)
    {
        command
            .Set(0, record.InstanceId)
            .Set(1, record.ExecutionId)
            .Set(2, record.Name)
            .Set(3, record.Version)
            .Set(4, (long)record.Status)
            .Set(5, record.Input)
            .Set(6, record.Output)
            .Set(7, record.CustomStatus)
            .Set(8, StoreJson.SerializeFailure(record.FailureDetails))
            .Set(9, SqliteTime.ToTicks(record.CreatedAt))
            .Set(10, SqliteTime.ToTicks(record.LastUpdatedAt))
            .Set(11, SqliteTime.ToTicks(record.CompletedAt))
            .Set(12, SqliteTime.ToTicks(record.ScheduledStartAt))
            .Set(13, StoreJson.SerializeParent(record.Parent))
            .Set(14, StoreJson.SerializeTags(record.Tags))
            .Set(15, record.HistoryLength)
            .Set(16, record.RowVersion)
            .Set(17, StoreJson.SerializeOrchestrationTrace(record.TraceContext));
    }

    /// <summary>Maps the current row of a reader over <see cref="SelectWithPayloads"/> or <see cref="SelectWithoutPayloads"/>.</summary>
    public static InstanceRecord Read(SqliteDataReader reader) => new()
    {
        InstanceId = reader.GetString(0),
        ExecutionId = reader.GetString(1),
        Name = reader.GetString(2),
        Version = GetNullableString(reader, 3),
        Status = (OrchestrationStatus)reader.GetInt32(4),
        FailureDetails = StoreJson.DeserializeFailure(GetNullableString(reader, 5)),
        CreatedAt = SqliteTime.FromTicks(reader.GetInt64(6)),
        LastUpdatedAt = SqliteTime.FromTicks(reader.GetInt64(7)),
        CompletedAt = reader.IsDBNull(8) ? null : SqliteTime.FromTicks(reader.GetInt64(8)),
        ScheduledStartAt = reader.IsDBNull(9) ? null : SqliteTime.FromTicks(reader.GetInt64(9)),
        Parent = StoreJson.DeserializeParent(GetNullableString(reader, 10)),
        Tags = StoreJson.DeserializeTags(GetNullableString(reader, 11)),
        HistoryLength = reader.GetInt32(12),
        RowVersion = reader.GetInt64(13),
        TraceContext = StoreJson.DeserializeOrchestrationTrace(GetNullableString(reader, 14)),
        Input = GetNullableString(reader, 15),
        Output = GetNullableString(reader, 16),
        CustomStatus = GetNullableString(reader, 17),
    };

    public static string? GetNullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
