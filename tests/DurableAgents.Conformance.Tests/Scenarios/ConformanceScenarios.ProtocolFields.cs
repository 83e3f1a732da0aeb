using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using DurableAgents.Conformance.Tests.Infrastructure;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;
using ProtoValue = Google.Protobuf.WellKnownTypes.Value;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>
/// Protocol fields that must survive the round trip through the sidecar and its store: failure-detail properties,
/// sub-orchestration tags and distributed-trace contexts.
/// </summary>
public abstract partial class ConformanceScenarios
{
    private const string RejectOrder = "RejectOrder";
    private const string CatchRejectedOrder = "CatchRejectedOrder";
    private const string RejectQuantity = "RejectQuantity";
    private const string RejectingChild = "RejectingChild";
    private const string ParentOfRejecting = "ParentOfRejecting";
    private const string ParentWithTaggedChild = "ParentWithTaggedChild";
    private const string Traced = "Traced";

    // The worker's spans come from this source (the SDK's TraceHelper).
    private const string SdkActivitySource = "Microsoft.DurableTask";

    [Fact]
    public async Task FailureProperties_ActivityThrows_CaughtTaskFailedExceptionCarriesTheProperties()
    {
        string id = NewInstanceId("failure-properties-activity");

        OrchestrationMetadata result = await RunAsync(CatchRejectedOrder, "out of stock", id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        AssertOrderRejectedProperties(result.ReadOutputAs<string>()!, "out of stock");
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.TaskScheduled, Kind.TaskFailed, Kind.ExecutionCompleted], history.Kinds);
        var recorded = history.One(Kind.TaskFailed).TaskFailed.FailureDetails.Properties;
        Assert.Equal("out of stock", recorded["Reason"].StringValue);
        Assert.Equal(7d, recorded["Code"].NumberValue);
        Assert.Equal(ProtoValue.KindOneofCase.NullValue, recorded["Missing"].KindCase);
    }

    [Fact]
    public async Task FailureProperties_OrchestratorThrows_ClientFailureDetailsCarryTheProperties()
    {
        string id = NewInstanceId("failure-properties-orchestrator");

        OrchestrationMetadata result = await RunAsync(RejectQuantity, -3, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(ArgumentOutOfRangeException).FullName, result.FailureDetails!.ErrorType);
        Assert.NotNull(result.FailureDetails.Properties);
        Assert.Equal("quantity", Assert.Contains("ParamName", result.FailureDetails.Properties));

        // Read again (not the wait's answer): the instance row keeps the properties.
        OrchestrationMetadata reread = (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, TestDeadline.Token()))!;
        Assert.Equal("quantity", Assert.Contains("ParamName", reread.FailureDetails!.Properties!));
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal("quantity", history.Completed.FailureDetails.Properties["ParamName"].StringValue);
    }

    [Fact]
    public async Task FailureProperties_SubOrchestrationThrows_ParentSeesTheChildsProperties()
    {
        string id = NewInstanceId("failure-properties-sub");

        OrchestrationMetadata result = await RunAsync(ParentOfRejecting, "no credit", id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        AssertOrderRejectedProperties(result.ReadOutputAs<string>()!, "no credit");
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.SubOrchestrationInstanceCreated, Kind.SubOrchestrationInstanceFailed, Kind.ExecutionCompleted], history.Kinds);
        var recorded = history.One(Kind.SubOrchestrationInstanceFailed).SubOrchestrationInstanceFailed.FailureDetails.Properties;
        Assert.Equal("no credit", recorded["Reason"].StringValue);
        Assert.True(recorded["Customer"].StructValue.Fields["Vip"].BoolValue);
    }

    [Fact]
    public async Task SubOrchestrationTags_ChildStartedWithTags_ClientReadsThemOnTheChild()
    {
        string id = NewInstanceId("sub-tags");
        string childId = id + "-child";

        OrchestrationMetadata result = await RunAsync(ParentWithTaggedChild, childId, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        OrchestrationMetadata child = (await Client.GetInstanceAsync(childId, getInputsAndOutputs: false, TestDeadline.Token()))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal(
            new Dictionary<string, string> { ["team"] = "billing", ["priority"] = "high" },
            child.Tags.ToDictionary(t => t.Key, t => t.Value));
        HistoryShape childHistory = await HistoryAsync(childId);
        Assert.Equal("billing", childHistory.Started.Tags["team"]);
    }

    /// <summary>Trace contexts: the client's ambient trace reaches the orchestration's and the activity's spans.</summary>
    [Fact]
    public async Task TraceContext_StartedUnderAnAmbientActivity_OrchestrationAndActivitySpansJoinTheTrace()
    {
        string id = NewInstanceId("trace");
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("DurableAgents.Conformance.Tests");

        ActivityTraceId traceId;
        using (Activity ambient = source.StartActivity("start traced instance")!)
        {
            traceId = ambient.TraceId;
            await StartAsync(Traced, "t", id);
        }

        OrchestrationMetadata result = await WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        HistoryShape history = await HistoryAsync(id);
        Assert.Contains(traceId.ToHexString(), history.Started.ParentTraceContext?.TraceParent ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains(traceId.ToHexString(), history.One(Kind.TaskScheduled).TaskScheduled.ParentTraceContext?.TraceParent ?? string.Empty, StringComparison.Ordinal);

        // The worker stops the orchestration span before it answers the last episode, so it was recorded by now;
        // the activity's span was stopped before its result was sent.
        // (The client's create_orchestration span is tagged as an orchestration too, but is a Producer span; the
        // worker's scheduling span for the activity is a Client span.)
        Activity orchestration = Assert.Single(stopped, a => IsSdkSpan(a, "orchestration", id) && a.Kind == ActivityKind.Server);
        Activity activity = Assert.Single(stopped, a => IsSdkSpan(a, "activity", id) && a.Kind == ActivityKind.Server);
        Assert.Equal(traceId, orchestration.TraceId);
        Assert.Equal(traceId, activity.TraceId);
        Assert.Equal(orchestration.SpanId, stopped.Single(a => a.SpanId == activity.ParentSpanId).ParentSpanId);

        // The span the worker reported after the first episode came back with the later one, so the finished
        // orchestration span starts before the activity ran rather than at the last episode.
        Assert.True(
            orchestration.StartTimeUtc <= activity.StartTimeUtc,
            $"The orchestration span starts at {orchestration.StartTimeUtc:O}, after the activity's {activity.StartTimeUtc:O}.");
    }

    private static bool IsSdkSpan(Activity activity, string type, string instanceId) =>
        activity.Source.Name == SdkActivitySource &&
        activity.GetTagItem("durabletask.type") as string == type &&
        activity.GetTagItem("durabletask.task.instance_id") as string == instanceId;

    /// <summary>What <see cref="ScenarioExceptionProperties"/> reports for an <see cref="OrderRejectedException"/>, as the orchestrator saw it.</summary>
    private static void AssertOrderRejectedProperties(string json, string reason)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        JsonElement properties = document.RootElement;
        Assert.Equal(JsonValueKind.Object, properties.ValueKind);
        Assert.Equal(reason, properties.GetProperty("Reason").GetString());
        Assert.Equal(7d, properties.GetProperty("Code").GetDouble());
        Assert.Equal(JsonValueKind.False, properties.GetProperty("Retryable").ValueKind);
        Assert.Equal(JsonValueKind.Null, properties.GetProperty("Missing").ValueKind);
        Assert.Equal([1d, 2d], properties.GetProperty("Lines").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal("c-7", properties.GetProperty("Customer").GetProperty("Id").GetString());
        Assert.True(properties.GetProperty("Customer").GetProperty("Vip").GetBoolean());
    }

    /// <summary>The properties of a caught failure as JSON, so the orchestrator's output shows what it saw ("null" when none).</summary>
    private static string DescribeProperties(TaskFailedException e) => JsonSerializer.Serialize(e.FailureDetails.Properties);

    private static void RegisterProtocolFieldScenarios(DurableTaskRegistry registry)
    {
        registry.AddActivityFunc<string, string>(RejectOrder, string (TaskActivityContext _, string reason) => throw new OrderRejectedException(reason, 7));
        registry.AddOrchestratorFunc<string, string>(CatchRejectedOrder, async (context, reason) =>
        {
            try
            {
                return await context.CallActivityAsync<string>(RejectOrder, reason);
            }
            catch (TaskFailedException e)
            {
                return DescribeProperties(e);
            }
        });
        registry.AddOrchestratorFunc<int, int>(RejectQuantity, int (TaskOrchestrationContext _, int quantity) =>
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "the quantity must be positive"));
        registry.AddOrchestratorFunc<string, string>(RejectingChild, string (TaskOrchestrationContext _, string reason) => throw new OrderRejectedException(reason, 7));
        registry.AddOrchestratorFunc<string, string>(ParentOfRejecting, async (context, reason) =>
        {
            try
            {
                return await context.CallSubOrchestratorAsync<string>(RejectingChild, reason);
            }
            catch (TaskFailedException e)
            {
                return DescribeProperties(e);
            }
        });
        registry.AddOrchestratorFunc<string, string>(ParentWithTaggedChild, (context, childId) =>
            context.CallSubOrchestratorAsync<string>(
                Child,
                "tagged",
                new SubOrchestrationOptions(
                    new TaskOptions(tags: new Dictionary<string, string> { ["team"] = "billing", ["priority"] = "high" }),
                    childId)));
        registry.AddOrchestratorFunc<string, string>(Traced, (context, input) =>
            context.CallActivityAsync<string>(Step, new StepInput(input, 1)));
    }
}
