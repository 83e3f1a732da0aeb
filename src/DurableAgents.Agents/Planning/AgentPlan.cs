using System.Text.Json;

namespace DurableAgents.Agents;

/// <summary>
/// The JSON plan a planner agent answers with: a goal and steps, each naming the capability it needs.
/// <see cref="FormatInstructions"/> tells a model the shape; <see cref="Parse"/> reads and checks an answer.
/// </summary>
/// <param name="Goal">What the whole plan achieves.</param>
/// <param name="Steps">The steps, in an order that respects <see cref="AgentPlanStep.DependsOn"/>.</param>
public sealed record AgentPlan(string Goal, IReadOnlyList<AgentPlanStep> Steps)
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>The line prefix planner prompts use to list the capabilities a plan may use.</summary>
    public const string CapabilitiesLinePrefix = "Capabilities:";

    /// <summary>
    /// Text for a planner's system prompt: asks for a JSON plan and lists the capabilities the steps may use
    /// (one line starting with <see cref="CapabilitiesLinePrefix"/>).
    /// </summary>
    public static string FormatInstructions(IEnumerable<string> capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        return "Answer with a JSON plan only, no prose, shaped as "
            + "{\"goal\":\"...\",\"steps\":[{\"id\":\"step-1\",\"capability\":\"...\",\"task\":\"...\",\"dependsOn\":[]}]}. "
            + "Each step's capability must be one of the listed capabilities; dependsOn lists earlier step ids."
            + Environment.NewLine + CapabilitiesLinePrefix + " " + string.Join(", ", capabilities);
    }

    /// <summary>
    /// Reads a plan from a model's answer. Text around the JSON object (prose, ``` fences) is ignored; the plan
    /// must have at least one step, unique step ids, and dependencies on earlier steps only.
    /// </summary>
    public static AgentPlan Parse(string answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        int start = answer.IndexOf('{', StringComparison.Ordinal);
        int end = answer.LastIndexOf('}');
        if (start < 0 || end <= start)
        {
            throw new AgentPlanFormatException($"The planner's answer holds no JSON object: '{Excerpt(answer)}'. "
                + "Give the planner AgentPlan.FormatInstructions(...) in its system prompt.");
        }

        AgentPlan? plan;
        try
        {
            plan = JsonSerializer.Deserialize<AgentPlan>(answer.AsSpan(start, end - start + 1), SerializerOptions);
        }
        catch (JsonException exception)
        {
            throw new AgentPlanFormatException($"The planner's answer is not a valid plan: {exception.Message}", exception);
        }

        return Validate(plan);
    }

    /// <summary>The plan as compact camelCase JSON, the shape <see cref="Parse"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, SerializerOptions);

    private static AgentPlan Validate(AgentPlan? plan)
    {
        if (plan?.Steps is not { Count: > 0 })
        {
            throw new AgentPlanFormatException("The plan has no steps; a plan needs at least one step.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (AgentPlanStep step in plan.Steps)
        {
            if (string.IsNullOrWhiteSpace(step.Id) || string.IsNullOrWhiteSpace(step.Capability) || string.IsNullOrWhiteSpace(step.Task))
            {
                throw new AgentPlanFormatException("Every plan step needs an id, a capability and a task.");
            }

            foreach (string dependency in step.DependsOn ?? [])
            {
                if (!seen.Contains(dependency))
                {
                    throw new AgentPlanFormatException(
                        $"Step '{step.Id}' depends on '{dependency}', which is not an earlier step of the plan.");
                }
            }

            if (!seen.Add(step.Id))
            {
                throw new AgentPlanFormatException($"Step id '{step.Id}' appears twice in the plan.");
            }
        }

        return plan with { Goal = plan.Goal ?? string.Empty, Steps = plan.Steps.Select(s => s with { DependsOn = s.DependsOn ?? [] }).ToList() };
    }

    private static string Excerpt(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
