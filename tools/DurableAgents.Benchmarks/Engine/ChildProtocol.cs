namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// The line protocol between a benchmark and its child processes: the child writes "READY ..." to standard output once
/// it serves, answers commands read from standard input with one line, and stops when its input ends (so a child never
/// outlives a parent that died) or says "exit". Logs go to standard error.
/// </summary>
internal static class ChildProtocol
{
    public const string Ready = "READY";
    public const string Exit = "exit";

    /// <summary>This process's allocation and garbage collection counters, as "key=value" pairs for a STATS line.</summary>
    public static string RuntimeStats() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"allocated={GC.GetTotalAllocatedBytes()} gcPauseMs={(long)GC.GetTotalPauseDuration().TotalMilliseconds} gen0={GC.CollectionCount(0)} gen1={GC.CollectionCount(1)} gen2={GC.CollectionCount(2)}");

    /// <summary>Answers "reset-allocations": forgets the allocations sampled so far, when sampling is on.</summary>
    public static string Reset(AllocationSampler? sampler)
    {
        sampler?.Reset();
        return sampler is null ? "sampling off" : "reset";
    }

    /// <summary>Announces that the child serves.</summary>
    public static void AnnounceReady(string details) => Console.Out.WriteLine($"{Ready} {details}");

    /// <summary>Answers commands until standard input ends or says <see cref="Exit"/>.</summary>
    public static async Task ServeAsync(Func<string, string> answer)
    {
        while (await Console.In.ReadLineAsync() is { } line)
        {
            string command = line.Trim();
            if (command == Exit)
            {
                return;
            }

            if (command.Length > 0)
            {
                Console.Out.WriteLine(answer(command));
            }
        }
    }
}
