namespace DurableAgents.Cli.Tests.Infrastructure;

/// <summary>What one run of the command line produced.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}--- out ---{Environment.NewLine}{Output}--- err ---{Environment.NewLine}{Error}";
}
