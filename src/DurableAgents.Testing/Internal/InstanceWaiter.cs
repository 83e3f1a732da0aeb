using Microsoft.DurableTask.Client;

namespace DurableAgents.Testing.Internal;

/// <summary>A pending WaitForInstanceStart/Completion call; while it waits, virtual time may move on.</summary>
internal sealed class InstanceWaiter(Func<OrchestrationStatus, bool> condition, bool getInputsAndOutputs)
{
    public TaskCompletionSource<OrchestrationMetadata> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<OrchestrationStatus, bool> Condition { get; } = condition;

    public bool GetInputsAndOutputs { get; } = getInputsAndOutputs;
}
