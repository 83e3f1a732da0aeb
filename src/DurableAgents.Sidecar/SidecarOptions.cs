using System.ComponentModel.DataAnnotations;

namespace DurableAgents.Sidecar;

/// <summary>Settings of the sidecar's endpoints and gRPC service (configuration section <c>Sidecar</c>).</summary>
public sealed class SidecarOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Sidecar";

    /// <summary>The environment variable (or root configuration key) read for <see cref="ApiKey"/> when the section does not set one.</summary>
    public const string ApiKeyEnvironmentVariable = "DURABLEAGENTS_API_KEY";

    /// <summary>The metadata header that carries the API key on gRPC calls.</summary>
    public const string ApiKeyHeaderName = "x-api-key";

    /// <summary>Where gRPC (cleartext HTTP/2) is served: <c>host:port</c>, e.g. <c>127.0.0.1:4001</c>; port 0 lets the OS choose.</summary>
    [Required(AllowEmptyStrings = false)]
    public string GrpcEndpoint { get; set; } = "127.0.0.1:4001";

    /// <summary>Where the HTTP management API (HTTP/1.1) is served, e.g. <c>127.0.0.1:8080</c>; empty turns the API off.</summary>
    public string? HttpEndpoint { get; set; } = "127.0.0.1:8080";

    /// <summary>When set, gRPC calls must carry this key in the <c>x-api-key</c> header (else UNAUTHENTICATED).</summary>
    public string? ApiKey { get; set; }

    /// <summary>How often an idle work-item stream gets a HealthPing, so proxies and the worker see it alive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "Sidecar:HealthPingInterval must be between 10 ms and 1 hour.")]
    public TimeSpan HealthPingInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The largest gRPC message accepted or sent, in bytes (a work item carries the whole history unless the worker caches it).</summary>
    [Range(1024, int.MaxValue, ErrorMessage = "Sidecar:MaxMessageBytes must be at least 1024.")]
    public int MaxMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// An orchestrator work item larger than this goes to a worker that declares the HistoryStreaming capability (the
    /// official .NET worker does) without its past events, which the worker then streams in chunks.
    /// </summary>
    [Range(1024, int.MaxValue, ErrorMessage = "Sidecar:HistoryStreamingThresholdBytes must be at least 1024.")]
    public int HistoryStreamingThresholdBytes { get; set; } = 1024 * 1024;

    /// <summary>History events per StreamInstanceHistory chunk.</summary>
    [Range(1, 100_000, ErrorMessage = "Sidecar:HistoryChunkSize must be between 1 and 100000.")]
    public int HistoryChunkSize { get; set; } = 500;
}
