using DurableAgents.Benchmarks;

// Usage: dotnet run -c Release --project tools/DurableAgents.Benchmarks -- <workload|all> [workload options, e.g. --short]
IReadOnlyList<IBenchmarkWorkload> workloads = WorkloadCatalog.Discover();
if (args.Length == 0 || args[0] is "--list" or "-l" or "--help" or "-h")
{
    PrintUsage(workloads);
    return args.Length == 0 ? 1 : 0;
}

#if DEBUG
Console.Error.WriteLine("Warning: this is a Debug build; run with -c Release for meaningful figures.");
#endif

if (string.Equals(args[0], "all", StringComparison.OrdinalIgnoreCase))
{
    // The standard workloads (README.md), one after another with the same options (e.g. --short).
    string[] standard = ["commit-limit", "replay", "hello5", "fanout", "approval"];
    foreach (string name in standard)
    {
        IBenchmarkWorkload next = workloads.Single(w => w.Name == name);
        Console.WriteLine($"== {name} ==");
        int exitCode = await next.RunAsync(args[1..]);
        if (exitCode != 0)
        {
            Console.Error.WriteLine($"Workload '{name}' failed with exit code {exitCode}.");
            return exitCode;
        }
    }

    return 0;
}

IBenchmarkWorkload? workload = workloads.FirstOrDefault(w => string.Equals(w.Name, args[0], StringComparison.OrdinalIgnoreCase));
if (workload is null)
{
    Console.Error.WriteLine($"Unknown workload '{args[0]}'.");
    PrintUsage(workloads);
    return 2;
}

return await workload.RunAsync(args[1..]);

static void PrintUsage(IReadOnlyList<IBenchmarkWorkload> workloads)
{
    Console.WriteLine("Usage: dotnet run -c Release --project tools/DurableAgents.Benchmarks -- <workload|all> [--short]");
    Console.WriteLine("Workloads (or `all` for the standard ones in turn):");
    foreach (IBenchmarkWorkload w in workloads)
    {
        Console.WriteLine($"  {w.Name,-14} {w.Description}");
    }
}
