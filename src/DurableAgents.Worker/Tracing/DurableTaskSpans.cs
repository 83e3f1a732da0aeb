using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace DurableAgents.Worker.Tracing;

/// <summary>
/// The spans our executor emits, with the names, kinds and tags of the official worker's (the SDK's TraceHelper and its
/// tracing schema), so a trace looks the same whichever executor ran it and one subscription to
/// <see cref="SourceName"/> collects both.
/// </summary>
internal static class DurableTaskSpans
{
    /// <summary>The official SDK's activity source name, shared on purpose (see the class summary).</summary>
    public const string SourceName = "Microsoft.DurableTask";

    public const string TypeTag = "durabletask.type";
    public const string NameTag = "durabletask.task.name";
    public const string VersionTag = "durabletask.task.version";
    public const string InstanceIdTag = "durabletask.task.instance_id";
    public const string StatusTag = "durabletask.task.status";
    public const string TaskIdTag = "durabletask.task.task_id";
    public const string FireAtTag = "durabletask.fire_at";

    public const string Orchestration = "orchestration";
    public const string Activity = "activity";
    public const string Timer = "timer";

    public static readonly ActivitySource Source = new(SourceName);

    // Activity has no public way to choose a span id. The orchestration span lives across episodes (one per instance)
    // and its children name it as their parent, so each episode's span must carry the id the first one reported; the
    // official worker sets this same private field for the same reason.
    private static readonly FieldInfo? SpanIdField = typeof(Activity).GetField("_spanId", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary><c>{type}:{name}</c>, or <c>{type}:{name}@({version})</c> when a version is set.</summary>
    public static string SpanName(string type, string name, string? version) =>
        string.IsNullOrEmpty(version) ? $"{type}:{name}" : $"{type}:{name}@({version})";

    /// <summary>A W3C context from a traceparent / tracestate pair; false when there is none or it does not parse.</summary>
    public static bool TryParse(History.TraceContext? context, out ActivityContext parsed)
    {
        parsed = default;
        return context is not null && ActivityContext.TryParse(context.TraceParent, context.TraceState, out parsed);
    }

    /// <summary>A traceparent for a new span id in <paramref name="parent"/>'s trace: what a scheduled call names as its parent.</summary>
    public static History.TraceContext NewChildContext(Activity parent)
    {
        var child = new ActivityContext(parent.TraceId, ActivitySpanId.CreateRandom(), parent.ActivityTraceFlags, parent.TraceStateString);
        string flags = ((int)child.TraceFlags).ToString("x2", CultureInfo.InvariantCulture);
        return new History.TraceContext($"00-{child.TraceId.ToHexString()}-{child.SpanId.ToHexString()}-{flags}", child.TraceState);
    }

    /// <summary>Gives <paramref name="activity"/> the span id <paramref name="spanId"/> (16 hex digits); ignored when it is not one.</summary>
    public static void SetSpanId(Activity activity, string spanId)
    {
        if (SpanIdField is not null && spanId.Length == 16 && spanId.All(char.IsAsciiHexDigitLower))
        {
            SpanIdField.SetValue(activity, spanId);
        }
    }
}
