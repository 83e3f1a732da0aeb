namespace DurableAgents.StepFunctions;

/// <summary>
/// ASL's state-machine body: the state to start at and the states by name. The top-level machine, each Parallel branch
/// and a Map's item processor have this shape; a state may only move to states of its own machine.
/// </summary>
/// <param name="StartAt">Name of the first state.</param>
/// <param name="States">The states, by name, in the order they were added (the export keeps this order).</param>
public sealed record StateMachine(string StartAt, IReadOnlyList<State> States)
{
    /// <summary>The state called <paramref name="name"/>, or null.</summary>
    public State? Find(string name) => States.FirstOrDefault(s => s.Name == name);
}
