namespace DurableAgents.Cli;

/// <summary>The process exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>The operation failed: an unknown instance, a refused request, or an instance that failed while waited for.</summary>
    public const int OperationFailed = 1;

    /// <summary>The command line was wrong: unknown command or option, bad JSON, a bad time or status.</summary>
    public const int UsageError = 2;

    /// <summary>Nothing answered at the sidecar or HTTP API address.</summary>
    public const int Unreachable = 3;
}
