namespace DurableAgents.StepFunctions;

/// <summary>Builds the states of a Parallel branch or of a Map's item processor.</summary>
public sealed class BranchBuilder : StateMachineBuilder<BranchBuilder>
{
    internal BranchBuilder()
    {
    }
}
