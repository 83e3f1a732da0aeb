using System.Globalization;
using DurableAgents.Protocol;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// Several sidecar processes on one DynamoDB table (e.g. DynamoDB Local), each with a worker process of its own
/// (ours, <see cref="BenchmarkTasks"/>), and this process as the client of each. The sidecars split the table's
/// partitions between them; <see cref="WaitUntilBalancedAsync"/> waits until every partition has exactly one owner.
/// </summary>
internal sealed class SharedTableCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private SharedTableCluster(IReadOnlyList<SharedTableMember> members)
    {
        Members = members;
    }

    /// <summary>The sidecars, in start order.</summary>
    public IReadOnlyList<SharedTableMember> Members { get; }

    /// <summary>Starts <paramref name="owners"/>.Length sidecars on a fresh table at <paramref name="dynamoDbUrl"/>, one after the other, and a worker for each.</summary>
    /// <param name="directory">The sidecars' content roots (their SQLite setting points here and is unused).</param>
    /// <param name="dynamoDbUrl">The DynamoDB endpoint.</param>
    /// <param name="owners">The sidecars' owner ids.</param>
    /// <param name="inboxPollMilliseconds">TaskHub:InboxPollInterval for every sidecar; the engine's default when null.</param>
    public static async Task<SharedTableCluster> StartAsync(string directory, string dynamoDbUrl, IReadOnlyList<string> owners, int? inboxPollMilliseconds)
    {
        Directory.CreateDirectory(directory);
        string prefix = string.Create(CultureInfo.InvariantCulture, $"shared{Environment.ProcessId}-{DateTime.UtcNow:HHmmss}-");
        var members = new List<SharedTableMember>();
        try
        {
            // One after the other: the first creates the table, the next find it.
            foreach (string owner in owners)
            {
                List<string> arguments =
                [
                    "sidecar", "--db", Path.Combine(directory, owner + ".db"), "--dynamodb", dynamoDbUrl, "--table-prefix", prefix, "--owner", owner,
                ];
                if (inboxPollMilliseconds is { } poll)
                {
                    arguments.AddRange(["--inbox-poll-ms", poll.ToString(CultureInfo.InvariantCulture)]);
                }

                (ChildProcess sidecar, string details) = await ChildProcess.StartAsync($"sidecar {owner}", arguments, StartTimeout);
                ChildProcess? worker = null;
                try
                {
                    string address = details.StartsWith("grpc=", StringComparison.Ordinal)
                        ? details["grpc=".Length..]
                        : throw new InvalidOperationException($"The sidecar process announced '{details}' instead of its gRPC address.");
                    (worker, _) = await ChildProcess.StartAsync($"worker of {owner}", ["worker", "--address", address], StartTimeout);
                    members.Add(new SharedTableMember(owner, sidecar, worker, SidecarConnection.Open(address)));
                }
                catch
                {
                    if (worker is not null)
                    {
                        await worker.DisposeAsync();
                    }

                    await sidecar.DisposeAsync();
                    throw;
                }
            }

            return new SharedTableCluster(members);
        }
        catch
        {
            foreach (SharedTableMember member in members)
            {
                await member.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Waits until every partition is owned by exactly one sidecar and each sidecar owns at least one; returns who owns what.</summary>
    public async Task<IReadOnlyList<IReadOnlySet<int>>> WaitUntilBalancedAsync()
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            var owned = new List<IReadOnlySet<int>>();
            int count = 0;
            foreach (SharedTableMember member in Members)
            {
                (count, IReadOnlySet<int> partitions) = await member.ReadPartitionsAsync();
                owned.Add(partitions);
            }

            bool eachOnce = owned.Sum(o => o.Count) == count && owned.SelectMany(o => o).Distinct().Count() == count;
            if (count > 0 && eachOnce && owned.All(o => o.Count > 0))
            {
                return owned;
            }

            // Polls the sidecars' own view; the balancers move leases in the background.
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (SharedTableMember member in Members)
        {
            await member.DisposeAsync();
        }
    }
}
