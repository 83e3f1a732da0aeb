using System.Diagnostics;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Worker.Tracing;

/// <summary>The Server span around one activity's run, a child of the context its orchestration named when it scheduled it.</summary>
internal static class ActivitySpan
{
    /// <summary>Starts the span (it becomes <see cref="Activity.Current"/>, so calls the activity makes are its children); null without a parent context or a listener.</summary>
    public static Activity? Start(Proto.ActivityRequest request)
    {
        if (request.ParentTraceContext is null
            || !ActivityContext.TryParse(request.ParentTraceContext.TraceParent, request.ParentTraceContext.TraceState, out ActivityContext parent))
        {
            return null;
        }

        Activity? span = DurableTaskSpans.Source.StartActivity(
            DurableTaskSpans.SpanName(DurableTaskSpans.Activity, request.Name, request.Version),
            ActivityKind.Server,
            parent);
        if (span is null)
        {
            return null;
        }

        span.SetTag(DurableTaskSpans.TypeTag, DurableTaskSpans.Activity);
        span.SetTag(DurableTaskSpans.NameTag, request.Name);
        span.SetTag(DurableTaskSpans.InstanceIdTag, request.OrchestrationInstance?.InstanceId);
        span.SetTag(DurableTaskSpans.TaskIdTag, request.TaskId);
        if (!string.IsNullOrEmpty(request.Version))
        {
            span.SetTag(DurableTaskSpans.VersionTag, request.Version);
        }

        return span;
    }
}
