using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// A Serilog sink that keeps every event in memory, so a test reads what the host logged as structured events instead
/// of parsing console output. Registered as a service, AddDurableAgentsSerilog adds it to the host's logger.
/// </summary>
internal sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    /// <summary>The events written so far, in the order they arrived.</summary>
    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);
}
