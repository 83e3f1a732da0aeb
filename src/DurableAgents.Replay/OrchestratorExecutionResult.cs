using DurableAgents.Actions;

namespace DurableAgents.Replay;

/// <summary>What one orchestrator episode produced: the actions to carry out, in id order, and the latest custom status.</summary>
/// <param name="Actions">New actions, in the order the code issued them; a completion, if any, is last.</param>
/// <param name="CustomStatus">The custom status as JSON text, or null when the code never set one.</param>
public sealed record OrchestratorExecutionResult(IReadOnlyList<OrchestratorAction> Actions, string? CustomStatus)
{
    /// <summary>The completion action when the episode finished the instance (or its generation), otherwise null.</summary>
    public CompleteOrchestrationAction? Completion =>
        Actions.Count > 0 ? Actions[^1] as CompleteOrchestrationAction : null;
}
