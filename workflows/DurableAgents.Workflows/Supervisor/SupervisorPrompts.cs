using System.Globalization;
using System.Text;
using DurableAgents.Agents;

namespace DurableAgents.Workflows.Supervisor;

/// <summary>The texts the supervisor sends to its agents.</summary>
internal static class SupervisorPrompts
{
    /// <summary>
    /// The planner's prompt. The offline planner derives its steps from the prompt's text and reads its capabilities
    /// from its system prompt, so it gets the request alone; model planners also get the format and the capabilities
    /// the catalog offers, and after an invalid answer, what was wrong with it.
    /// </summary>
    public static string ForPlanner(string request, IReadOnlyList<string> capabilities, bool offlinePlanner, string? previousProblem)
    {
        if (offlinePlanner)
        {
            return request;
        }

        var prompt = new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Request: {request}")
            .AppendLine()
            .AppendLine("Break the request into subtasks for a team of agents. Steps that do not depend on each other run in parallel, so only list real dependencies in dependsOn.")
            .AppendLine("Add \"risky\": true to a step that changes something outside the team (sends, publishes, pays, deletes); a person approves it before it runs.")
            .AppendLine(AgentPlan.FormatInstructions(capabilities));
        if (previousProblem is not null)
        {
            prompt.AppendLine()
                .AppendLine(CultureInfo.InvariantCulture, $"Your previous answer was not a valid plan: {previousProblem}")
                .AppendLine("Answer again with the corrected plan only.");
        }

        return prompt.ToString();
    }

    /// <summary>The prompt of one subtask.</summary>
    public static string ForSubtask(string goal, PlannedSubtask subtask) =>
        $"You handle one part of a team effort. Overall goal: {goal}{Environment.NewLine}Your part ({subtask.Id}): {subtask.Task}";

    /// <summary>What a subtask receives from the subtasks it depends on; null when it depends on none.</summary>
    public static string? ContextFor(PlannedSubtask subtask, IReadOnlyDictionary<string, SubtaskOutcome> finished)
    {
        if (subtask.DependsOn.Count == 0)
        {
            return null;
        }

        var context = new StringBuilder();
        foreach (string dependency in subtask.DependsOn)
        {
            AppendOutcome(context, finished[dependency]);
        }

        return context.ToString();
    }

    /// <summary>The synthesizer's prompt.</summary>
    public static string ForSynthesis(string request, string goal) =>
        $"Merge the results of the subtasks above into one complete, well-organised answer to the request: {request}"
        + $"{Environment.NewLine}Goal: {goal}{Environment.NewLine}Where a subtask was skipped, say what is missing because of it.";

    /// <summary>Every subtask's result (or why it was skipped), for the synthesizer.</summary>
    public static string SynthesisContext(IEnumerable<SubtaskOutcome> outcomes)
    {
        var context = new StringBuilder();
        foreach (SubtaskOutcome outcome in outcomes)
        {
            AppendOutcome(context, outcome);
        }

        return context.ToString();
    }

    private static void AppendOutcome(StringBuilder context, SubtaskOutcome outcome)
    {
        if (outcome.Status == SubtaskStatus.Completed)
        {
            context.AppendLine(CultureInfo.InvariantCulture, $"## {outcome.Id} ({outcome.Capability}, by {outcome.Agent}): {outcome.Task}")
                .AppendLine(outcome.Result)
                .AppendLine();
        }
        else
        {
            context.AppendLine(CultureInfo.InvariantCulture, $"## {outcome.Id} ({outcome.Capability}): {outcome.Task}")
                .AppendLine(CultureInfo.InvariantCulture, $"SKIPPED: {outcome.Note}")
                .AppendLine();
        }
    }
}
