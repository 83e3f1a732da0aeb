using System.Text.Json;
using DurableAgents.Actions;
using DurableAgents.History;

namespace DurableAgents.Protocol.Tests.Mapping;

/// <summary>One or more instances of every history event and action kind, with fields set and with optional fields empty.</summary>
internal static class SampleRecords
{
    public static readonly DateTime At = new(2026, 3, 14, 15, 9, 26, 535, DateTimeKind.Utc);
    public static readonly DateTime Later = At.AddMinutes(5).AddTicks(8970);

    private static readonly FailureDetails Failure = new(
        "System.InvalidOperationException",
        "outer ✗",
        "at Foo()\nat Bar()",
        new FailureDetails("System.IO.IOException", "inner", null, null, IsNonRetriable: true),
        IsNonRetriable: false,
        Properties());

    private static readonly TraceContext Trace = new("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "vendor=x");

    private static readonly Dictionary<string, string> Tags = new() { ["team"] = "agents", ["priority"] = "high" };

    /// <summary>Failure-detail properties of every JSON (= protobuf Value) kind, nested ones included.</summary>
    public static Dictionary<string, JsonElement> Properties()
    {
        using JsonDocument document = JsonDocument.Parse(
            """{"ParamName":"quantity","Code":7,"Ratio":0.1,"Flag":true,"Off":false,"Missing":null,"Lines":[1,"two",null],"Nested":{"a":{"b":[]}}}""");
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    public static IEnumerable<HistoryEvent> HistoryEvents()
    {
        yield return new ExecutionStartedEvent(-1, At, "Approve", "inst-1", "exec-1", "\"world\"", "v2",
            new ParentInstanceInfo(7, "Parent", "parent-1", "parent-exec"), Later, Tags);
        yield return new ExecutionStartedEvent(-1, At, "Approve", "inst-1", null, null);
        yield return new ExecutionStartedEvent(-1, At, "Approve", "inst-1", "exec-1", null, null, null, null, null, Trace);
        yield return new ExecutionCompletedEvent(-1, At, OrchestrationStatus.Completed, "42");
        yield return new ExecutionCompletedEvent(-1, At, OrchestrationStatus.Failed, null, Failure);
        yield return new ExecutionTerminatedEvent(-1, At, "\"stop\"", Recurse: true);
        yield return new ExecutionTerminatedEvent(-1, At, null);
        yield return new ExecutionSuspendedEvent(-1, At, "maintenance");
        yield return new ExecutionResumedEvent(-1, At, null);
        yield return new ExecutionRewoundEvent(-1, At, "retry it");
        yield return new ContinueAsNewEvent(-1, At, "{\"n\":2}");
        yield return new TaskScheduledEvent(1, At, "SendEmail", "{\"to\":\"a@b\"}", "1.0", Tags);
        yield return new TaskScheduledEvent(2, At, "NoInput", null);
        yield return new TaskScheduledEvent(2, At, "Traced", null, null, null, new TraceContext("00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b7-01"));
        yield return new TaskCompletedEvent(-1, At, 1, "\"sent\"");
        yield return new TaskCompletedEvent(-1, At, 2, null);
        yield return new TaskFailedEvent(-1, At, 1, Failure);
        yield return new SubOrchestrationInstanceCreatedEvent(3, At, "child-1", "Child", "[1,2]", "3");
        yield return new SubOrchestrationInstanceCreatedEvent(3, At, "child-1", "Child", null, null, Tags, Trace);
        yield return new SubOrchestrationInstanceCompletedEvent(-1, At, 3, "\"done\"");
        yield return new SubOrchestrationInstanceFailedEvent(-1, At, 3, Failure);
        yield return new TimerCreatedEvent(4, At, Later);
        yield return new TimerFiredEvent(-1, Later, 4, Later);
        yield return new OrchestratorStartedEvent(-1, At);
        yield return new OrchestratorCompletedEvent(-1, Later);
        yield return new EventSentEvent(5, At, "other-1", "Ping", "{}");
        yield return new EventRaisedEvent(-1, At, "Approval", "{\"approved\":true}");
        yield return new EventRaisedEvent(-1, At, "NoData", null);
        yield return new GenericEvent(-1, At, "diagnostic");
        yield return new HistoryStateEvent(-1, At, "inst-1", "Approve", OrchestrationStatus.Suspended);
    }

    public static IEnumerable<OrchestratorAction> Actions()
    {
        yield return new ScheduleTaskAction(1, "SendEmail", "{\"to\":\"a@b\"}", "1.0", Tags);
        yield return new ScheduleTaskAction(2, "NoInput", null);
        yield return new ScheduleTaskAction(13, "Traced", null, null, null, Trace);
        yield return new CreateSubOrchestrationAction(3, "child-1", "Child", "[1,2]", "3");
        yield return new CreateSubOrchestrationAction(4, "child-2", "Child", null);
        yield return new CreateSubOrchestrationAction(14, "child-3", "Child", null, null, Tags, Trace);
        yield return new CreateTimerAction(5, Later);
        yield return new SendEventAction(6, "other-1", "Ping", "{}");
        yield return new SendEventAction(7, "other-2", "Ping", null);
        yield return new CompleteOrchestrationAction(8, OrchestrationStatus.Completed, "\"ok\"");
        yield return new CompleteOrchestrationAction(9, OrchestrationStatus.Failed, null, Failure);
        yield return new CompleteOrchestrationAction(10, OrchestrationStatus.ContinuedAsNew, "{\"n\":3}", null, "v3",
            [new EventRaisedEvent(-1, At, "Approval", "true"), new EventRaisedEvent(-1, Later, "Approval", null)]);
        yield return new TerminateOrchestrationAction(11, "child-1", "\"cancelled\"", Recurse: true);
        yield return new TerminateOrchestrationAction(12, "child-2", null);
    }
}
