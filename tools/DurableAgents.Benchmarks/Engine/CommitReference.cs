using System.Diagnostics;
using DurableAgents.Benchmarks.Workloads;
using DurableAgents.Storage.Sqlite;
using DurableAgents.Storage.Sqlite.Connections;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// The commit-limit reference measured in the same run as an engine workload, on the same disk and with the same
/// connection settings as the store (the commit-limit workload prints a fuller table but exposes no routine to call):
/// single-row SQLite transactions per second, and the store's own hello5 activity steps per second at 32 steps per
/// commit (<see cref="CommitLimitSteps"/>: one activity result plus the episode consuming it).
/// </summary>
internal static class CommitReference
{
    /// <summary>Medians of <paramref name="runs"/> samples of <paramref name="duration"/> each.</summary>
    public static async Task<CommitReferenceFigures> MeasureAsync(string directory, string synchronous, int runs, TimeSpan duration)
    {
        Directory.CreateDirectory(directory);
        SqliteSynchronousMode mode = Enum.Parse<SqliteSynchronousMode>(synchronous, ignoreCase: true);
        var rowOptions = new SqliteTaskHubStoreOptions { DataSource = Path.Combine(directory, "rows.db"), Synchronous = mode };
        var commits = new List<double>(runs);
        using (SqliteConnection connection = new SqliteConnectionFactory(rowOptions).OpenWriter())
        {
            using (SqliteCommand create = connection.CreateCommand())
            {
                create.CommandText = "CREATE TABLE IF NOT EXISTS reference (id INTEGER PRIMARY KEY, value TEXT NOT NULL);";
                create.ExecuteNonQuery();
            }

            for (int i = 0; i < runs; i++)
            {
                commits.Add(SingleRowCommits(connection, duration));
            }
        }

        var steps = new List<double>(runs);
        await using (var store = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { DataSource = Path.Combine(directory, "steps.db"), Synchronous = mode }))
        {
            await store.InitializeAsync(CancellationToken.None);
            var plan = new CommitLimitSteps(2_000);
            await store.CommitAsync(plan.Start(), CancellationToken.None);
            for (int i = 0; i < runs; i++)
            {
                steps.Add(await StoreSteps(store, plan, 32, duration));
            }
        }

        SqliteConnection.ClearAllPools();
        return new CommitReferenceFigures(Statistics.Median(commits), Statistics.Median(steps));
    }

    private static double SingleRowCommits(SqliteConnection connection, TimeSpan duration)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO reference (value) VALUES ('Hello, Tokyo!');";
        insert.Prepare();
        long done = 0;
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            insert.ExecuteNonQuery();
            transaction.Commit();
            done++;
        }

        return done / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<double> StoreSteps(SqliteTaskHubStore store, CommitLimitSteps plan, int stepsPerCommit, TimeSpan duration)
    {
        var batch = new List<CommitRequest>(stepsPerCommit * 2);
        long done = 0;
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            batch.Clear();
            for (int i = 0; i < stepsPerCommit; i++)
            {
                plan.AddStep(batch);
            }

            foreach (CommitOutcome outcome in await store.CommitAsync(batch, CancellationToken.None))
            {
                if (!outcome.Committed)
                {
                    throw new InvalidOperationException($"A reference step was not committed: {outcome.FailedCondition} did not hold.");
                }
            }

            done += stepsPerCommit;
        }

        return done / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }
}
