namespace DurableAgents.Worker.Tracing;

/// <summary>An activity or sub-orchestration the orchestration scheduled, as its completion span needs it.</summary>
/// <param name="Type"><see cref="DurableTaskSpans.Activity"/> or <see cref="DurableTaskSpans.Orchestration"/>.</param>
/// <param name="Name">The activity's or sub-orchestration's name.</param>
/// <param name="Version">Its version, if any.</param>
/// <param name="ScheduledAt">When it was scheduled: the completion span covers the wait from then.</param>
/// <param name="ParentTraceContext">The context handed to the callee: its span id is the completion span's.</param>
internal sealed record ScheduledCall(string Type, string Name, string? Version, DateTime ScheduledAt, History.TraceContext? ParentTraceContext);
