namespace DurableAgents.Integration.Tests.Interop;

/// <summary>How a finished Node.js (or npm) process ended and what it printed.</summary>
internal sealed record NodeRun(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
