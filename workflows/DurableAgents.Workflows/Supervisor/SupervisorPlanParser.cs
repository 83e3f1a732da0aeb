using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DurableAgents.Agents;

namespace DurableAgents.Workflows.Supervisor;

/// <summary>
/// Reads and checks a planner's answer. Pure and deterministic, so orchestrator code may call it: the shape is
/// checked by <see cref="AgentPlan.Parse"/> (JSON object, at least one step, unique ids, dependencies on earlier steps),
/// then every step's capability must be one the agents offer and the step count must stay within the limit. A step
/// may carry <c>"risky": true</c>, which <see cref="AgentPlan"/> does not keep, so it is read from the JSON here.
/// </summary>
public static class SupervisorPlanParser
{
    /// <summary>Reads <paramref name="answer"/> as a plan; on failure <paramref name="problem"/> says what is wrong.</summary>
    /// <param name="answer">The planner's text.</param>
    /// <param name="capabilities">The capabilities the agents offer.</param>
    /// <param name="riskyCapabilities">Capabilities whose steps are risky regardless of the planner.</param>
    /// <param name="maxSubtasks">The most steps allowed.</param>
    /// <param name="plan">The plan, when valid.</param>
    /// <param name="problem">What is wrong, when not.</param>
    public static bool TryParse(
        string answer,
        IReadOnlyCollection<string> capabilities,
        IReadOnlyCollection<string> riskyCapabilities,
        int maxSubtasks,
        [NotNullWhen(true)] out SupervisorPlan? plan,
        [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(capabilities);
        ArgumentNullException.ThrowIfNull(riskyCapabilities);
        plan = null;
        AgentPlan parsed;
        try
        {
            parsed = AgentPlan.Parse(answer);
        }
        catch (AgentPlanFormatException exception)
        {
            problem = exception.Message;
            return false;
        }

        if (parsed.Steps.Count > maxSubtasks)
        {
            problem = $"The plan has {parsed.Steps.Count} steps; at most {maxSubtasks} are allowed. Merge related steps.";
            return false;
        }

        var subtasks = new List<PlannedSubtask>(parsed.Steps.Count);
        HashSet<string> riskyIds = ReadRiskyStepIds(answer);
        foreach (AgentPlanStep step in parsed.Steps)
        {
            string? capability = capabilities.FirstOrDefault(c => string.Equals(c, step.Capability.Trim(), StringComparison.OrdinalIgnoreCase));
            if (capability is null)
            {
                problem = $"Step '{step.Id}' needs capability '{step.Capability}', which no agent has. "
                    + $"Use only these capabilities: {string.Join(", ", capabilities)}.";
                return false;
            }

            bool risky = riskyIds.Contains(step.Id)
                || riskyCapabilities.Any(r => string.Equals(r, capability, StringComparison.OrdinalIgnoreCase));
            subtasks.Add(new PlannedSubtask(step.Id, capability, step.Task) { DependsOn = step.DependsOn, Risky = risky });
        }

        plan = new SupervisorPlan(parsed.Goal, subtasks);
        problem = null;
        return true;
    }

    /// <summary>Ids of steps marked <c>"risky": true</c>; the same JSON object <see cref="AgentPlan.Parse"/> read.</summary>
    private static HashSet<string> ReadRiskyStepIds(string answer)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int start = answer.IndexOf('{', StringComparison.Ordinal);
        int end = answer.LastIndexOf('}');
        using JsonDocument document = JsonDocument.Parse(answer.AsMemory(start, end - start + 1));
        if (Property(document.RootElement, "steps") is not { ValueKind: JsonValueKind.Array } steps)
        {
            return ids;
        }

        foreach (JsonElement step in steps.EnumerateArray())
        {
            if (step.ValueKind == JsonValueKind.Object
                && Property(step, "risky") is { ValueKind: JsonValueKind.True }
                && Property(step, "id") is { ValueKind: JsonValueKind.String } id)
            {
                ids.Add(id.GetString()!);
            }
        }

        return ids;
    }

    // Case-insensitive like the web-default deserialisation AgentPlan.Parse uses.
    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (JsonProperty property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
