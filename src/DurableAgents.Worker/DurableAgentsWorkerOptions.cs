using Microsoft.DurableTask.Worker;

namespace DurableAgents.Worker;

/// <summary>
/// Settings of the DurableAgents executor: where the sidecar is, how much work runs at once, the history cache, and how
/// it reconnects and shuts down. The SDK's own options (<see cref="DurableTaskWorkerOptions.DataConverter"/> and the
/// others set with <c>Configure</c>) are copied in by the builder.
/// </summary>
public sealed class DurableAgentsWorkerOptions : DurableTaskWorkerOptions
{
    /// <summary>The sidecar address used when none is configured.</summary>
    public const string DefaultAddress = "http://127.0.0.1:4001";

    /// <summary>The header that carries <see cref="ApiKey"/> unless <see cref="ApiKeyHeaderName"/> says otherwise.</summary>
    public const string DefaultApiKeyHeaderName = "x-api-key";

    /// <summary>The sidecar's gRPC address, e.g. <c>http://127.0.0.1:4001</c> (<c>host:port</c> means cleartext http).</summary>
    public string Address { get; set; } = DefaultAddress;

    /// <summary>A shared secret sent on every call, for a sidecar that requires one; none when null.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The header that carries <see cref="ApiKey"/>.</summary>
    public string ApiKeyHeaderName { get; set; } = DefaultApiKeyHeaderName;

    /// <summary>
    /// Orchestrator work items handled at once (default 50 per core). A slot is held from receipt until the sidecar
    /// has accepted the completion, which includes the sidecar's durable commit, so the limit is set well above the
    /// core count to keep the cores busy while completions wait on disk.
    /// </summary>
    public int MaxConcurrentOrchestrators { get; set; } = Environment.ProcessorCount * 50;

    /// <summary>Activity work items run at once (default 50 per core; activities usually wait on I/O such as model calls).</summary>
    public int MaxConcurrentActivities { get; set; } = Environment.ProcessorCount * 50;

    /// <summary>
    /// Orchestrations whose replay state is kept between episodes, so the sidecar can send only new events
    /// (default 1,000, least recently used dropped first). 0 turns the cache off: every episode replays the full history.
    /// </summary>
    public int MaxCachedOrchestrations { get; set; } = 1000;

    /// <summary>The first wait before reconnecting to the sidecar (default 1 s); it doubles on every failed attempt.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between reconnect attempts (default 30 s).</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long, on shutdown, work already received may run to completion (default 15 s). Work still running after
    /// that is handed back to the sidecar (abandoned) so another worker runs it; activities see their token cancelled.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(15);
}
