namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>What one run of a process produced.</summary>
internal sealed record ProcessResult(int ExitCode, string Output, string Error)
{
    public override string ToString() =>
        $"exit {ExitCode}{Environment.NewLine}--- out ---{Environment.NewLine}{Output}--- err ---{Environment.NewLine}{Error}";
}
