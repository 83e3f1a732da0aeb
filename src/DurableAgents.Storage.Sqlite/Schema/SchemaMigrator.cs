using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DurableAgents.Storage.Sqlite.Schema;

/// <summary>
/// Brings a database up to the newest schema: each pending migration runs in its own immediate transaction and
/// is recorded in <c>schema_versions</c>, so a crash mid-way leaves the database at a whole version and a
/// concurrent start-up by another process waits instead of applying a script twice.
/// </summary>
internal static class SchemaMigrator
{
    private const string CreateVersionsTable =
        "CREATE TABLE IF NOT EXISTS schema_versions (" +
        "version INTEGER PRIMARY KEY NOT NULL, " +
        "name TEXT NOT NULL, " +
        "applied_at TEXT NOT NULL);";

    /// <summary>Applies what is missing and returns the versions applied now (empty when already current).</summary>
    /// <exception cref="SqliteSchemaVersionException">The database has a newer schema than <paramref name="migrations"/>.</exception>
    public static IReadOnlyList<int> Migrate(SqliteConnection connection, string dataSource, IReadOnlyList<SqlMigration> migrations, TimeProvider timeProvider)
    {
        int supported = migrations.Count == 0 ? 0 : migrations[^1].Version;
        var applied = new List<int>();
        while (true)
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            Execute(connection, transaction, CreateVersionsTable);
            int current = CurrentVersion(connection, transaction);
            if (current > supported)
            {
                throw new SqliteSchemaVersionException(dataSource, current, supported);
            }

            if (current == supported)
            {
                transaction.Commit();
                return applied;
            }

            SqlMigration next = migrations[current];
            Execute(connection, transaction, next.Sql);
            using (SqliteCommand record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_versions (version, name, applied_at) VALUES ($version, $name, $appliedAt);";
                record.Parameters.AddWithValue("$version", next.Version);
                record.Parameters.AddWithValue("$name", next.Name);
                record.Parameters.AddWithValue("$appliedAt", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
                record.ExecuteNonQuery();
            }

            transaction.Commit();
            applied.Add(next.Version);
        }
    }

    /// <summary>The highest recorded version, 0 for a new database.</summary>
    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_versions;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
