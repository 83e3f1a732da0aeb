namespace DurableAgents.Cli.Backends;

/// <summary>Which of the sidecar's endpoints the CLI talks to.</summary>
internal enum BackendKind
{
    /// <summary>The durabletask gRPC endpoint (--sidecar).</summary>
    Grpc,

    /// <summary>The HTTP management API (--http).</summary>
    Http,
}
