using DurableAgents.Storage.Sqlite.Connections;

namespace DurableAgents.Storage.Sqlite.Rows;

/// <summary>SQL of the history table.</summary>
internal static class HistoryRows
{
    /// <summary>An idempotent put: a retried append overwrites the same key with the same row.</summary>
    public static readonly SqlStatement Put = new(
        "INSERT OR REPLACE INTO history (instance_id, sequence, execution_id, event) VALUES ($id, $sequence, $execution, $event);",
        "$id", "$sequence", "$execution", "$event");

    public static readonly SqlStatement DeleteInstance = new("DELETE FROM history WHERE instance_id = $id;", "$id");

    public static readonly SqlStatement SelectExecution = new(
        "SELECT event FROM history WHERE instance_id = $id AND execution_id = $execution ORDER BY sequence;",
        "$id", "$execution");
}
