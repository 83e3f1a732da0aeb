namespace DurableAgents.StepFunctions;

/// <summary>The builder of states that have only the common fields (Succeed, Fail).</summary>
public sealed class SimpleStepBuilder : StepBuilder<SimpleStepBuilder>
{
    internal SimpleStepBuilder(State state)
        : base(state)
    {
    }
}
