using System.Diagnostics;
using DurableAgents.History;
using Google.Protobuf.WellKnownTypes;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Worker.Tracing;

/// <summary>
/// The spans of one orchestrator episode, as the official worker emits them: the orchestration's Server span (one per
/// instance: each episode resumes the span id and start time the sidecar sends back, and only the last episode stops
/// it, so it is exported once), a Client span per activity or sub-orchestration that finished in this episode, an
/// Internal span per timer that fired, and a fresh parent context on each call the episode schedules.
/// </summary>
internal sealed class OrchestrationEpisodeTrace : IDisposable
{
    private readonly Activity? _previous;
    private readonly Activity? _span;
    private readonly OrchestrationTraceMemory? _memory;
    private readonly string _instanceId;

    private OrchestrationEpisodeTrace(Activity? previous, Activity? span, OrchestrationTraceMemory? memory, string instanceId)
    {
        _previous = previous;
        _span = span;
        _memory = memory;
        _instanceId = instanceId;
    }

    /// <summary>
    /// Starts (or resumes) the orchestration span; nothing is traced when the instance was started without a trace
    /// context or nobody listens. Dispose restores the caller's <see cref="Activity.Current"/>.
    /// </summary>
    public static OrchestrationEpisodeTrace Begin(Proto.OrchestratorRequest request, OrchestrationTraceMemory? memory)
    {
        Activity? previous = Activity.Current;
        if (memory is null || !DurableTaskSpans.TryParse(memory.Started.ParentTraceContext, out ActivityContext parent))
        {
            return new OrchestrationEpisodeTrace(previous, null, memory, request.InstanceId);
        }

        ExecutionStartedEvent started = memory.Started;
        Activity? span = DurableTaskSpans.Source.StartActivity(
            DurableTaskSpans.SpanName(DurableTaskSpans.Orchestration, started.Name, started.Version),
            ActivityKind.Server,
            parent,
            startTime: request.OrchestrationTraceContext?.SpanStartTime?.ToDateTimeOffset() ?? default);
        if (span is not null)
        {
            span.SetTag(DurableTaskSpans.TypeTag, DurableTaskSpans.Orchestration);
            span.SetTag(DurableTaskSpans.NameTag, started.Name);
            span.SetTag(DurableTaskSpans.InstanceIdTag, started.InstanceId);
            if (!string.IsNullOrEmpty(started.Version))
            {
                span.SetTag(DurableTaskSpans.VersionTag, started.Version);
            }

            if (request.OrchestrationTraceContext?.SpanID is { Length: > 0 } spanId)
            {
                DurableTaskSpans.SetSpanId(span, spanId);
            }
        }

        return new OrchestrationEpisodeTrace(previous, span, memory, request.InstanceId);
    }

    /// <summary>
    /// Emits the spans of what finished in <paramref name="newEvents"/>, names a parent context for every call the
    /// response schedules, reports the orchestration span in the response, and stops it when the response finishes the
    /// instance. A response that asks for the history emits nothing: the episode runs again with it.
    /// </summary>
    public void Complete(IReadOnlyList<HistoryEvent> newEvents, Proto.OrchestratorResponse response, DateTime now)
    {
        if (_span is null || _memory is null || response.RequiresHistory)
        {
            return;
        }

        foreach (HistoryEvent historyEvent in newEvents)
        {
            EmitFinished(historyEvent);
        }

        Proto.CompleteOrchestrationAction? completion = null;
        foreach (Proto.OrchestratorAction action in response.Actions)
        {
            switch (action.OrchestratorActionTypeCase)
            {
                case Proto.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask:
                    TraceContext task = DurableTaskSpans.NewChildContext(_span);
                    action.ScheduleTask.ParentTraceContext = new Proto.TraceContext { TraceParent = task.TraceParent, TraceState = task.TraceState };
                    _memory.Remember(action.Id, new ScheduledCall(DurableTaskSpans.Activity, action.ScheduleTask.Name, action.ScheduleTask.Version, now, task));
                    break;
                case Proto.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration:
                    TraceContext child = DurableTaskSpans.NewChildContext(_span);
                    action.CreateSubOrchestration.ParentTraceContext = new Proto.TraceContext { TraceParent = child.TraceParent, TraceState = child.TraceState };
                    _memory.Remember(action.Id, new ScheduledCall(DurableTaskSpans.Orchestration, action.CreateSubOrchestration.Name, action.CreateSubOrchestration.Version, now, child));
                    break;
                case Proto.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration:
                    completion = action.CompleteOrchestration;
                    break;
            }
        }

        response.OrchestrationTraceContext = new Proto.OrchestrationTraceContext
        {
            SpanID = _span.SpanId.ToHexString(),
            SpanStartTime = Timestamp.FromDateTime(DateTime.SpecifyKind(_span.StartTimeUtc, DateTimeKind.Utc)),
        };

        if (completion is not null)
        {
            if (completion.OrchestrationStatus == Proto.OrchestrationStatus.Failed)
            {
                _span.SetStatus(ActivityStatusCode.Error, completion.FailureDetails?.ErrorMessage ?? "The orchestration failed.");
            }

            _span.SetTag(DurableTaskSpans.StatusTag, completion.OrchestrationStatus.ToString());
            _span.Stop();
        }
    }

    /// <summary>Restores the caller's current activity; an orchestration span that was not stopped is dropped unexported, as the official worker's is.</summary>
    public void Dispose() => Activity.Current = _previous;

    private void EmitFinished(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case TaskCompletedEvent completed:
                EmitCall(completed.TaskScheduledId, failure: null);
                break;
            case TaskFailedEvent failed:
                EmitCall(failed.TaskScheduledId, failed.FailureDetails.ErrorMessage ?? "Unspecified task activity failure");
                break;
            case SubOrchestrationInstanceCompletedEvent completed:
                EmitCall(completed.TaskScheduledId, failure: null);
                break;
            case SubOrchestrationInstanceFailedEvent failed:
                EmitCall(failed.TaskScheduledId, failed.FailureDetails.ErrorMessage ?? "Unspecified sub-orchestration failure");
                break;
            case TimerFiredEvent fired:
                EmitTimer(fired);
                break;
        }
    }

    /// <summary>The Client span of a call, from when it was scheduled until now, with the span id the callee names as its parent.</summary>
    private void EmitCall(int taskId, string? failure)
    {
        if (_memory!.Find(taskId) is not { } call)
        {
            return;
        }

        using Activity? span = DurableTaskSpans.Source.StartActivity(
            DurableTaskSpans.SpanName(call.Type, call.Name, call.Version),
            ActivityKind.Client,
            _span!.Context,
            startTime: new DateTimeOffset(DateTime.SpecifyKind(call.ScheduledAt, DateTimeKind.Utc)));
        if (span is null)
        {
            return;
        }

        if (DurableTaskSpans.TryParse(call.ParentTraceContext, out ActivityContext named))
        {
            DurableTaskSpans.SetSpanId(span, named.SpanId.ToHexString());
        }

        span.SetTag(DurableTaskSpans.TypeTag, call.Type);
        span.SetTag(DurableTaskSpans.NameTag, call.Name);
        span.SetTag(DurableTaskSpans.InstanceIdTag, _instanceId);
        if (call.Type == DurableTaskSpans.Activity)
        {
            span.SetTag(DurableTaskSpans.TaskIdTag, taskId);
        }

        if (!string.IsNullOrEmpty(call.Version))
        {
            span.SetTag(DurableTaskSpans.VersionTag, call.Version);
        }

        if (failure is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, failure);
        }
    }

    private void EmitTimer(TimerFiredEvent fired)
    {
        string name = _memory!.Started.Name;
        using Activity? span = DurableTaskSpans.Source.StartActivity(
            $"{DurableTaskSpans.Orchestration}:{name}:{DurableTaskSpans.Timer}",
            ActivityKind.Internal,
            _span!.Context,
            startTime: new DateTimeOffset(DateTime.SpecifyKind(fired.Timestamp, DateTimeKind.Utc)));
        if (span is null)
        {
            return;
        }

        span.SetTag(DurableTaskSpans.TypeTag, DurableTaskSpans.Timer);
        span.SetTag(DurableTaskSpans.NameTag, name);
        span.SetTag(DurableTaskSpans.InstanceIdTag, _instanceId);
        span.SetTag(DurableTaskSpans.FireAtTag, DateTime.SpecifyKind(fired.FireAt, DateTimeKind.Utc).ToString("o", System.Globalization.CultureInfo.InvariantCulture));
        span.SetTag(DurableTaskSpans.TaskIdTag, fired.TimerId);
    }
}
