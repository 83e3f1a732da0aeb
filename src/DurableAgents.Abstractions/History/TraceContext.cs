namespace DurableAgents.History;

/// <summary>
/// A W3C trace context (the protocol's TraceContext): the span that caused an orchestration, activity or
/// sub-orchestration, so the worker's spans join the caller's trace.
/// </summary>
/// <param name="TraceParent">The <c>traceparent</c> value, e.g. <c>00-{trace id}-{span id}-01</c>.</param>
/// <param name="TraceState">The <c>tracestate</c> value, if any.</param>
public sealed record TraceContext(string TraceParent, string? TraceState = null);
