using DurableAgents.Activities;
using DurableAgents.Converters;
using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using TaskActivityContext = Microsoft.DurableTask.TaskActivityContext;
using TaskName = Microsoft.DurableTask.TaskName;

namespace DurableAgents.Abstractions.Tests;

public class InstanceSnapshotTests
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
    public void InstanceSnapshot_StatusFlags_MatchTheOfficialMetadata(OrchestrationStatus status, bool running, bool completed)
    {
        var snapshot = new InstanceSnapshot("Flow", "i") { RuntimeStatus = status };
        OrchestrationMetadata metadata = snapshot.ToOrchestrationMetadata(WebJsonDataConverter.Default);

        Assert.Equal(running, snapshot.IsRunning);
        Assert.Equal(completed, snapshot.IsCompleted);
        Assert.Equal(completed, status.IsTerminal());
        Assert.Equal(status.ToString(), metadata.RuntimeStatus.ToString());
        Assert.Equal(status, metadata.RuntimeStatus.ToOrchestrationStatus());

        // The official metadata counts only Completed, Failed and Terminated as completed (Canceled is unused by the SDK).
        Assert.Equal(completed && status != OrchestrationStatus.Canceled, metadata.IsCompleted);
    }

    [Fact]
    public void ToOrchestrationMetadata_CarriesPayloadsTimesTagsAndFailure()
    {
        DateTimeOffset created = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var snapshot = new InstanceSnapshot("Flow", "i")
        {
            RuntimeStatus = OrchestrationStatus.Failed,
            CreatedAt = created,
            LastUpdatedAt = created.AddMinutes(1),
            SerializedInput = "3",
            SerializedOutput = "{\"total\":9}",
            SerializedCustomStatus = "\"busy\"",
            Tags = new Dictionary<string, string> { ["team"] = "ops" },
            FailureDetails = new FailureDetails("System.InvalidOperationException", "kaput", InnerFailure: new FailureDetails("System.TimeoutException", "slow")),
        };

        OrchestrationMetadata metadata = snapshot.ToOrchestrationMetadata(WebJsonDataConverter.Default);

        Assert.Equal(("Flow", "i"), (metadata.Name, metadata.InstanceId));
        Assert.Equal((created, created.AddMinutes(1)), (metadata.CreatedAt, metadata.LastUpdatedAt));
        Assert.Equal(3, metadata.ReadInputAs<int>());
        Assert.Equal(9, metadata.ReadOutputAs<Dictionary<string, int>>()!["total"]);
        Assert.Equal("busy", metadata.ReadCustomStatusAs<string>());
        Assert.Equal("ops", metadata.Tags["team"]);
        Assert.Equal("kaput", metadata.FailureDetails!.ErrorMessage);
        Assert.True(metadata.FailureDetails.IsCausedBy<InvalidOperationException>());
        Assert.Equal("slow", metadata.FailureDetails.InnerFailure!.ErrorMessage);
        Assert.Same(WebJsonDataConverter.Default, metadata.DataConverter);
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
    public void EngineExceptions_TellWhatToDo_AndAreTheOfficialClientsExceptionTypes()
    {
        Assert.IsAssignableFrom<OrchestrationAlreadyExistsException>(new InstanceAlreadyExistsException("i", OrchestrationStatus.Running));
        Assert.IsAssignableFrom<ArgumentException>(new InstanceNotFoundException("i"));
        Assert.IsAssignableFrom<InvalidOperationException>(new InvalidInstanceStateException("i", OrchestrationStatus.Running, "purge"));
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
