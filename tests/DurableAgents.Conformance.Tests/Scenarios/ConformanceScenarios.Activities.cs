using DurableAgents.Conformance.Tests.Infrastructure;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>Activities: chains, fan-out/fan-in, typed payloads, deterministic guids.</summary>
public abstract partial class ConformanceScenarios
{
    private const string Chain = "Chain";
    private const string Step = "Step";
    private const string FanOut = "FanOut";
    private const string Square = "Square";
    private const string PriceOrder = "PriceOrder";
    private const string MakeInvoice = "MakeInvoice";
    private const string Guids = "Guids";
    private const string Echo = "Echo";

    // Records compare lists by reference; an order read back is equal when its lines are equal one by one.
    private static readonly IEqualityComparer<Order> OrderComparer = EqualityComparer<Order>.Create(
        (a, b) => a is not null && b is not null && a.OrderId == b.OrderId && a.Lines.SequenceEqual(b.Lines) && a.ShipTo == b.ShipTo
            && a.PlacedAt == b.PlacedAt && a.Note == b.Note);

    [Fact]
    public async Task ActivityChain_ThreeSteps_EachSeesThePreviousResult()
    {
        string id = NewInstanceId("chain");

        OrchestrationMetadata result = await RunAsync(Chain, "start", id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("start>1>2>3", result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(
            [Kind.ExecutionStarted, Kind.TaskScheduled, Kind.TaskCompleted, Kind.TaskScheduled, Kind.TaskCompleted,
             Kind.TaskScheduled, Kind.TaskCompleted, Kind.ExecutionCompleted],
            history.Kinds);
        Assert.All(history.All(Kind.TaskScheduled), e => Assert.Equal(Step, e.TaskScheduled.Name));

        // Task ids count from 0 (DurableTask.Core's numbering), so either executor can replay the other's history.
        Assert.Equal([0, 1, 2], history.All(Kind.TaskScheduled).Select(e => e.EventId));
        Assert.Equal(
            history.All(Kind.TaskScheduled).Select(e => e.EventId),
            history.All(Kind.TaskCompleted).Select(e => e.TaskCompleted.TaskScheduledId));
    }

    [Fact]
    public async Task FanOutFanIn_TenActivities_AllScheduledBeforeAnyCompletes()
    {
        string id = NewInstanceId("fan-out-10");

        OrchestrationMetadata result = await RunAsync(FanOut, 10, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(385, result.ReadOutputAs<int>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(10, history.Count(Kind.TaskScheduled));
        Assert.Equal(10, history.Count(Kind.TaskCompleted));

        // Fan-out: all ten were scheduled in the first episode, before any result came back.
        int lastScheduled = history.Events.ToList().FindLastIndex(e => e.EventTypeCase == Kind.TaskScheduled);
        Assert.True(lastScheduled < history.IndexOf(Kind.TaskCompleted), history.ToString());

        // The official SDK records an activity's input as its parameter array (DurableTask.Core's convention), [n]; ours records n.
        Assert.Equal(Enumerable.Range(1, 10), history.All(Kind.TaskScheduled).Select(e => ReadActivityInput<int>(e.TaskScheduled.Input)).Order());
    }

    [Fact]
    public async Task FanOutFanIn_ThousandActivitiesWithWhenAll_SumsEveryResult()
    {
        string id = NewInstanceId("fan-out-1000");

        OrchestrationMetadata result = await RunAsync(FanOut, 1000, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(1000L * 1001 * 2001 / 6, result.ReadOutputAs<long>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(1000, history.Count(Kind.TaskScheduled));
        Assert.Equal(1000, history.Count(Kind.TaskCompleted));
        Assert.Equal(1000, history.All(Kind.TaskCompleted).Select(e => e.TaskCompleted.TaskScheduledId).Distinct().Count());
        Assert.Equal(Kind.ExecutionCompleted, history.Kinds[^1]);
    }

    [Fact]
    public async Task TypedPayloads_ComplexInputAndOutput_RoundTripThroughActivity()
    {
        string id = NewInstanceId("typed");
        var order = new Order(
            "order-42",
            [new OrderLine("apple", 3, 0.5m), new OrderLine("pear", 2, 1.25m)],
            new ShippingAddress("1 Main St", "Zürich", "CH"),
            new DateTimeOffset(2024, 5, 17, 8, 30, 0, TimeSpan.FromHours(2)),
            Note: null);

        OrchestrationMetadata result = await RunAsync(PriceOrder, order, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Invoice invoice = result.ReadOutputAs<Invoice>()!;
        Assert.Equal("order-42", invoice.OrderId);
        Assert.Equal(4.0m, invoice.Total);
        Assert.Equal(5, invoice.Items);
        Assert.Equal("Zürich", invoice.City);
        Assert.Equal(order.PlacedAt, invoice.PlacedAt);
        Assert.Equal(["apple", "pear"], invoice.Skus);
        Assert.Null(invoice.Note);
        Assert.Equal(order, result.ReadInputAs<Order>()!, OrderComparer);
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.TaskScheduled, Kind.TaskCompleted, Kind.ExecutionCompleted], history.Kinds);
        Assert.Equal(MakeInvoice, history.One(Kind.TaskScheduled).TaskScheduled.Name);
        Assert.Equal(order.ShipTo, ReadActivityInput<Order>(history.One(Kind.TaskScheduled).TaskScheduled.Input).ShipTo);
        Assert.Equal(result.SerializedOutput, history.Completed.Result);
    }

    [Fact]
    public async Task NewGuid_MadeBeforeAnActivity_IsTheSameOnEveryReplayAndUnique()
    {
        string id = NewInstanceId("guids");

        OrchestrationMetadata result = await RunAsync(Guids, null, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        GuidReport report = result.ReadOutputAs<GuidReport>()!;

        // The activity got the guid of the first execution; the final replay computed the same one again.
        Assert.Equal(report.BeforeActivity, report.EchoedByActivity);
        Assert.NotEqual(report.BeforeActivity, report.AfterActivity);
        Assert.NotEqual(Guid.Empty, report.BeforeActivity);
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(report.BeforeActivity, ReadActivityInput<Guid>(history.One(Kind.TaskScheduled).TaskScheduled.Input));
    }

    private static void RegisterActivityScenarios(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<string, string>(Chain, async (context, input) =>
        {
            string value = input;
            for (int step = 1; step <= 3; step++)
            {
                value = await context.CallActivityAsync<string>(Step, new StepInput(value, step));
            }

            return value;
        });
        registry.AddActivityFunc<StepInput, string>(Step, (_, input) => $"{input.Value}>{input.Step}");

        registry.AddOrchestratorFunc<int, long>(FanOut, async (context, count) =>
        {
            Task<long>[] squares = Enumerable.Range(1, count).Select(i => context.CallActivityAsync<long>(Square, i)).ToArray();
            long[] results = await Task.WhenAll(squares);
            return results.Sum();
        });
        registry.AddActivityFunc<int, long>(Square, (_, n) => (long)n * n);

        registry.AddOrchestratorFunc<Order, Invoice>(PriceOrder, (context, order) => context.CallActivityAsync<Invoice>(MakeInvoice, order));
        registry.AddActivityFunc<Order, Invoice>(MakeInvoice, (_, order) => new Invoice(
            order.OrderId,
            order.Lines.Sum(l => l.Quantity * l.UnitPrice),
            order.Lines.Sum(l => l.Quantity),
            order.ShipTo.City,
            order.PlacedAt,
            order.Lines.Select(l => l.Sku).ToList(),
            order.Note));

        registry.AddOrchestratorFunc<object?, GuidReport>(Guids, async (context, _) =>
        {
            Guid before = context.NewGuid();
            Guid echoed = await context.CallActivityAsync<Guid>(Echo, before);
            Guid after = context.NewGuid();
            return new GuidReport(before, echoed, after);
        });
        registry.AddActivityFunc<Guid, Guid>(Echo, (_, value) => value);
    }
}
