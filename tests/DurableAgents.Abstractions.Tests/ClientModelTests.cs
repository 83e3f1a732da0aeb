using DurableAgents.Activities;
using DurableAgents.Client;
using TaskActivityContext = Microsoft.DurableTask.TaskActivityContext;
using TaskName = Microsoft.DurableTask.TaskName;

namespace DurableAgents.Abstractions.Tests;

public class ClientModelTests
{
    [Theory]
    [InlineData(OrchestrationStatus.Running, true, false)]
    [InlineData(OrchestrationStatus.Pending, true, false)]
    [InlineData(OrchestrationStatus.Suspended, true, false)]
    [InlineData(OrchestrationStatus.ContinuedAsNew, false, false)]
    [InlineData(OrchestrationStatus.Completed, false, true)]
    [InlineData(OrchestrationStatus.Failed, false, true)]
    [InlineData(OrchestrationStatus.Terminated, false, true)]
    [InlineData(OrchestrationStatus.Canceled, false, true)]
    public void OrchestrationMetadata_StatusFlags(OrchestrationStatus status, bool running, bool completed)
    {
        var metadata = new OrchestrationMetadata("Flow", "i") { RuntimeStatus = status };

        Assert.Equal(running, metadata.IsRunning);
        Assert.Equal(completed, metadata.IsCompleted);
        Assert.Equal(completed, status.IsTerminal());
    }

    [Fact]
    public void OrchestrationMetadata_ReadHelpers_ConvertJson()
    {
        var metadata = new OrchestrationMetadata("Flow", "i") { SerializedInput = "3", SerializedOutput = "{\"total\":9}", SerializedCustomStatus = "\"busy\"" };

        Assert.Equal(3, metadata.ReadInputAs<int>());
        Assert.Equal(9, metadata.ReadOutputAs<Dictionary<string, int>>()!["total"]);
        Assert.Equal("busy", metadata.ReadCustomStatusAs<string>());
    }

    [Fact]
    public void TaskActivityContext_IdempotencyKey_CombinesInstanceAndTask()
    {
        Assert.Equal("order-7:12", new InvocationContext().GetIdempotencyKey());
    }

    [Fact]
    public void TaskActivityContext_WithoutInvocation_HasNoIdempotencyKeyAndNoCancellation()
    {
        var context = new PlainContext();

        NotSupportedException error = Assert.Throws<NotSupportedException>(() => context.GetIdempotencyKey());
        Assert.Contains("'A'", error.Message, StringComparison.Ordinal);
        Assert.Equal(CancellationToken.None, context.GetCancellationToken());
    }

    [Fact]
    public void TaskActivityContext_WithInvocation_GivesItsCancellationToken()
    {
        using var cancellation = new CancellationTokenSource();

        Assert.Equal(cancellation.Token, new InvocationContext(cancellation.Token).GetCancellationToken());
    }

    [Fact]
    public async Task AsyncPageable_WalksAllPagesAndItems()
    {
        var pages = new Dictionary<string, Page<int>>
        {
            [""] = new([1, 2], "p2"),
            ["p2"] = new([3], "p3"),
            ["p3"] = new([], null),
        };
        var pageable = new AsyncPageable<int>((token, _, _) => Task.FromResult(pages[token ?? string.Empty]));

        var items = new List<int>();
        await foreach (int item in pageable)
        {
            items.Add(item);
        }

        Assert.Equal([1, 2, 3], items);
    }

    [Fact]
    public void ClientExceptions_TellWhatToDo()
    {
        Assert.Contains("already exists", new InstanceAlreadyExistsException("i", OrchestrationStatus.Running).Message, StringComparison.Ordinal);
        Assert.Contains("No orchestration instance with id 'i'", new InstanceNotFoundException("i").Message, StringComparison.Ordinal);
        Assert.Contains("Cannot raise an event on instance 'i' because it is Completed", new InvalidInstanceStateException("i", OrchestrationStatus.Completed, "raise an event on").Message, StringComparison.Ordinal);
    }

    private sealed class InvocationContext(CancellationToken cancellationToken = default) : TaskActivityContext, IActivityInvocation
    {
        public override TaskName Name => "A";

        public override string InstanceId => "order-7";

        public int TaskId => 12;

        public CancellationToken CancellationToken => cancellationToken;
    }

    private sealed class PlainContext : TaskActivityContext
    {
        public override TaskName Name => "A";

        public override string InstanceId => "order-7";
    }
}
