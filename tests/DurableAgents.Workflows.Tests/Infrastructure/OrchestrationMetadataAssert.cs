using Microsoft.DurableTask.Client;

namespace DurableAgents.Workflows.Tests.Infrastructure;

/// <summary>A finished instance's state with typed readers, and the checks most tests start with.</summary>
internal sealed class OrchestrationMetadataAssert(OrchestrationMetadata metadata)
{
    public OrchestrationMetadata Metadata { get; } = metadata;

    public string InstanceId => Metadata.InstanceId;

    public static async Task<OrchestrationMetadataAssert> CompletedAsync(WorkflowHost host, string orchestrator, object input)
    {
        OrchestrationMetadata done = await host.RunAsync(orchestrator, input);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"Expected Completed, got {done.RuntimeStatus}: {done.FailureDetails}");
        return new OrchestrationMetadataAssert(done);
    }

    public static async Task<OrchestrationMetadataAssert> FailedAsync(WorkflowHost host, string orchestrator, object input)
    {
        OrchestrationMetadata done = await host.RunAsync(orchestrator, input);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Failed, $"Expected Failed, got {done.RuntimeStatus}: {done.SerializedOutput}");
        Assert.NotNull(done.FailureDetails);
        return new OrchestrationMetadataAssert(done);
    }

    public FailureDetails Failure => FailureDetails.From(Metadata.FailureDetails!);

    public T Output<T>() => Metadata.ReadOutputAs<T>() ?? throw new InvalidOperationException("The instance has no output.");

    public T Status<T>() => Metadata.ReadCustomStatusAs<T>() ?? throw new InvalidOperationException("The instance has no custom status.");
}
