using DurableAgents.Storage.Sqlite.Connections;
using DurableAgents.Storage.Sqlite.Serialization;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;

namespace DurableAgents.Storage.Sqlite.Rows;

/// <summary>SQL and row mapping of the inbox table.</summary>
internal static class InboxRows
{
    public static readonly SqlStatement Insert = new(
        "INSERT INTO inbox (message_id, instance_id, visible_at, event) VALUES ($messageId, $id, $visibleAt, $event);",
        "$messageId", "$id", "$visibleAt", "$event");

    public static readonly SqlStatement Delete = new("DELETE FROM inbox WHERE message_id = $messageId;", "$messageId");

    public static readonly SqlStatement DeleteInstance = new("DELETE FROM inbox WHERE instance_id = $id;", "$id");

    public static readonly SqlStatement SelectAll = new(
        "SELECT message_id, instance_id, visible_at, event FROM inbox ORDER BY message_id;");

    public static void BindInsert(PreparedCommand command, InboxMessage message) =>
        command
            .Set(0, message.MessageId)
            .Set(1, message.InstanceId)
            .Set(2, SqliteTime.ToTicks(message.VisibleAt))
            .Set(3, StoreJson.SerializeEvent(message.Event));

    public static InboxMessage Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        StoreJson.DeserializeEvent(reader.GetString(3)),
        SqliteTime.FromTicks(reader.GetInt64(2)));
}
