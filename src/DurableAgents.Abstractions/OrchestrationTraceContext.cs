namespace DurableAgents;

/// <summary>
/// The orchestration's own span as a worker reported it after an episode (the protocol's OrchestrationTraceContext).
/// An instance keeps it and hands it back with every later episode of the execution, so the worker continues one span
/// (same id, same start) across episodes instead of starting a new one each time.
/// </summary>
/// <param name="SpanId">The span id (16 hex digits), if the worker traced the episode.</param>
/// <param name="SpanStartTime">When the span started (UTC).</param>
public sealed record OrchestrationTraceContext(string? SpanId, DateTime? SpanStartTime);
