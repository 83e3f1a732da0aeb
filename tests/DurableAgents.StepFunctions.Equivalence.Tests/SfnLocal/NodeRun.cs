namespace DurableAgents.StepFunctions.Equivalence.Tests.SfnLocal;

/// <summary>A finished Node.js or npm process: its exit code and what it wrote.</summary>
internal sealed record NodeRun(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit code {ExitCode}\nstdout: {StandardOutput}\nstderr: {StandardError}";
}
