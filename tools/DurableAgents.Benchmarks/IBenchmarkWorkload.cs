namespace DurableAgents.Benchmarks;

/// <summary>
/// One benchmark workload (see README.md). Implementations are found by reflection: add a class in this
/// assembly with a public parameterless constructor and it can be run as <c>dotnet run -c Release -- &lt;name&gt;</c>.
/// </summary>
public interface IBenchmarkWorkload
{
    /// <summary>The name given on the command line (e.g. "replay").</summary>
    string Name { get; }

    /// <summary>One line shown by <c>--list</c>.</summary>
    string Description { get; }

    /// <summary>Runs the workload with the arguments after its name (e.g. "--short"); returns the process exit code.</summary>
    Task<int> RunAsync(string[] args);
}
