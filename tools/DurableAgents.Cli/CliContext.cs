using DurableAgents.Cli.Backends;
using DurableAgents.StepFunctions;
using DurableAgents.Workflows.Declarative;
using Spectre.Console;

namespace DurableAgents.Cli;

/// <summary>What a run of the CLI works with: where it writes, what it reads from the environment, the clock, and how it reaches a backend.</summary>
internal sealed class CliContext
{
    public CliContext(IAnsiConsole output, IAnsiConsole? error = null)
    {
        Output = output;
        Error = error ?? output;
    }

    /// <summary>Results: tables, messages, and --json documents.</summary>
    public IAnsiConsole Output { get; }

    /// <summary>Error messages (standard error in the real program).</summary>
    public IAnsiConsole Error { get; }

    /// <summary>Reads environment variables (DURABLEAGENTS_SIDECAR, DURABLEAGENTS_HTTP, DURABLEAGENTS_API_KEY).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>The clock for relative times ("2h" ago) and for polling waits.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The declarative workflows <c>export-asl</c> and <c>describe</c> know: the shipped ones.</summary>
    public IReadOnlyList<WorkflowDefinition> DeclarativeWorkflows { get; init; } = ShippedDeclarativeWorkflows.All;

    /// <summary>Creates the backend the global options point at.</summary>
    public Func<BackendSettings, TimeProvider, ICliBackend> BackendFactory { get; init; } = Backends.BackendFactory.Create;
}
