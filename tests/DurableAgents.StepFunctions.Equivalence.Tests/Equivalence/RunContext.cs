using Microsoft.DurableTask;

namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>The activity context <see cref="SharedTasks"/> runs an activity with: its name and the run it belongs to.</summary>
internal sealed class RunContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name => new(name);

    public override string InstanceId => instanceId;
}
