namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// Which worker an <see cref="EngineCluster"/> runs in its worker child: ours (<see cref="WorkerCommand"/>) or the
/// official Microsoft.DurableTask worker (<see cref="OfficialWorkerCommand"/>), chosen with <c>--worker ours|official</c>.
/// Both run the same tasks against the same sidecar, so the figures compare the workers alone.
/// </summary>
internal sealed class WorkerChoice
{
    /// <summary>The command-line option that picks the worker.</summary>
    public const string OptionName = "--worker";

    private WorkerChoice(string name, string command, string description)
    {
        Name = name;
        Command = command;
        Description = description;
    }

    /// <summary>Our DurableAgents worker (the default).</summary>
    public static WorkerChoice Ours { get; } = new("ours", "worker", "ours (DurableAgents.Worker)");

    /// <summary>The official Microsoft.DurableTask worker with the SDK's default options.</summary>
    public static WorkerChoice Official { get; } = new("official", "official-worker",
        $"official (Microsoft.DurableTask.Worker.Grpc {OfficialWorkerCommand.SdkVersion}, default options)");

    /// <summary>The name given to <see cref="OptionName"/> and shown in table rows.</summary>
    public string Name { get; }

    /// <summary>The sub-command of this executable that runs the worker child.</summary>
    public string Command { get; }

    /// <summary>What the header line of a workload says about the worker.</summary>
    public string Description { get; }

    /// <summary>The worker <paramref name="args"/> ask for with <see cref="OptionName"/>; ours when absent.</summary>
    public static WorkerChoice Parse(string[] args)
    {
        string? value = CommandLine.Option(args, OptionName);
        return value is null || string.Equals(value, Ours.Name, StringComparison.OrdinalIgnoreCase) ? Ours
            : string.Equals(value, Official.Name, StringComparison.OrdinalIgnoreCase) ? Official
            : throw new ArgumentException($"{OptionName} takes '{Ours.Name}' or '{Official.Name}', not '{value}'.", nameof(args));
    }
}
