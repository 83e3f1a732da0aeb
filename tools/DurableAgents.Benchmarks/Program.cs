using DurableAgents.Benchmarks;

// Usage: dotnet run -c Release --project tools/DurableAgents.Benchmarks -- <workload> [workload options, e.g. --short]
IReadOnlyList<IBenchmarkWorkload> workloads = WorkloadCatalog.Discover();
if (args.Length == 0 || args[0] is "--list" or "-l" or "--help" or "-h")
{
    PrintUsage(workloads);
    return args.Length == 0 ? 1 : 0;
}

IBenchmarkWorkload? workload = workloads.FirstOrDefault(w => string.Equals(w.Name, args[0], StringComparison.OrdinalIgnoreCase));
if (workload is null)
{
    Console.Error.WriteLine($"Unknown workload '{args[0]}'.");
    PrintUsage(workloads);
    return 2;
}

#if DEBUG
Console.Error.WriteLine("Warning: this is a Debug build; run with -c Release for meaningful figures.");
#endif
return await workload.RunAsync(args[1..]);

static void PrintUsage(IReadOnlyList<IBenchmarkWorkload> workloads)
{
    Console.WriteLine("Usage: dotnet run -c Release --project tools/DurableAgents.Benchmarks -- <workload> [--short]");
    Console.WriteLine("Workloads:");
    foreach (IBenchmarkWorkload w in workloads)
    {
        Console.WriteLine($"  {w.Name,-14} {w.Description}");
    }
}
