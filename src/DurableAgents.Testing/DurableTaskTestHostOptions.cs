using DurableAgents.Converters;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask;

namespace DurableAgents.Testing;

/// <summary>Settings of a <see cref="DurableTaskTestHost"/>.</summary>
public sealed class DurableTaskTestHostOptions
{
    /// <summary>The default start of virtual time: 2025-01-01T00:00:00Z, so recorded histories are the same on every run.</summary>
    public static readonly DateTime DefaultStartTime = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Where virtual time starts (UTC).</summary>
    public DateTime StartTime { get; set; } = DefaultStartTime;

    /// <summary>Converts inputs, outputs and event payloads; JSON with web defaults unless set.</summary>
    public DataConverter DataConverter { get; set; } = WebJsonDataConverter.Default;

    /// <summary>Receives the host's and the orchestrations' replay-safe log output; nothing is logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}
