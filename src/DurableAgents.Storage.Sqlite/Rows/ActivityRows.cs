using DurableAgents.Storage.Sqlite.Connections;
using DurableAgents.Storage.Sqlite.Serialization;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;

namespace DurableAgents.Storage.Sqlite.Rows;

/// <summary>SQL and row mapping of the activities table (the activity queue).</summary>
internal static class ActivityRows
{
    public static readonly SqlStatement Insert = new(
        "INSERT INTO activities (instance_id, execution_id, task_id, name, version, input, tags, scheduled_at, " +
        "parent_trace_context) VALUES ($id, $execution, $taskId, $name, $version, $input, $tags, $scheduledAt, $trace);",
        "$id", "$execution", "$taskId", "$name", "$version", "$input", "$tags", "$scheduledAt", "$trace");

    public static readonly SqlStatement Delete = new(
        "DELETE FROM activities WHERE instance_id = $id AND execution_id = $execution AND task_id = $taskId;",
        "$id", "$execution", "$taskId");

    public static readonly SqlStatement DeleteInstance = new("DELETE FROM activities WHERE instance_id = $id;", "$id");

    public static readonly SqlStatement SelectAll = new(
        "SELECT instance_id, execution_id, task_id, name, version, input, tags, scheduled_at, parent_trace_context FROM activities " +
        "ORDER BY scheduled_at, instance_id, task_id;");

    public static void BindInsert(PreparedCommand command, ActivityTask activity) =>
        command
            .Set(0, activity.InstanceId)
            .Set(1, activity.ExecutionId)
            .Set(2, activity.TaskId)
            .Set(3, activity.Name)
            .Set(4, activity.Version)
            .Set(5, activity.Input)
            .Set(6, StoreJson.SerializeTags(activity.Tags))
            .Set(7, SqliteTime.ToTicks(activity.ScheduledAt))
            .Set(8, StoreJson.SerializeTrace(activity.ParentTraceContext));

    public static void BindDelete(PreparedCommand command, ActivityKey key) =>
        command.Set(0, key.InstanceId).Set(1, key.ExecutionId).Set(2, key.TaskId);

    public static ActivityTask Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetInt32(2),
        reader.GetString(3),
        InstanceRows.GetNullableString(reader, 4),
        InstanceRows.GetNullableString(reader, 5),
        StoreJson.DeserializeTags(InstanceRows.GetNullableString(reader, 6)),
        SqliteTime.FromTicks(reader.GetInt64(7)),
        StoreJson.DeserializeTrace(InstanceRows.GetNullableString(reader, 8)));
}
