namespace DurableAgents.Conformance.Tests.Infrastructure;

/// <summary>How a dedicated environment's sidecar differs from the default one.</summary>
public sealed record ConformanceEnvironmentOptions
{
    /// <summary>The sidecar's Sidecar:MaxMessageBytes; null keeps the default (16 MiB).</summary>
    public int? MaxMessageBytes { get; init; }
}
