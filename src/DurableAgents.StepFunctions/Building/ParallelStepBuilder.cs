namespace DurableAgents.StepFunctions;

/// <summary>The builder of a Parallel state.</summary>
public sealed class ParallelStepBuilder : StepBuilder<ParallelStepBuilder>
{
    internal ParallelStepBuilder(ParallelState state)
        : base(state)
    {
    }

    /// <summary>Adds a branch, built like a workflow's states (its first state is its StartAt unless it says otherwise).</summary>
    public ParallelStepBuilder Branch(Action<BranchBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var branch = new BranchBuilder();
        build(branch);
        var parallel = (ParallelState)Current;
        return Set(parallel with { Branches = [.. parallel.Branches, branch.BuildMachine()] });
    }
}
