namespace DurableAgents.Storage.Sqlite.Schema;

/// <summary>One versioned schema script; applied once, in version order, in its own transaction.</summary>
internal sealed record SqlMigration(int Version, string Name, string Sql);
