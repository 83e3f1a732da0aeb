using System.Text.RegularExpressions;

namespace DurableAgents.Agents;

/// <summary>Derives an <see cref="AgentPlan"/> from a request's text without a model, deterministically.</summary>
internal static partial class OfflinePlanner
{
    private const int MaxSteps = 6;

    // Checked in order; the first capability whose keywords appear in a clause wins.
    private static readonly (string Capability, string[] Keywords)[] KeywordCapabilities =
    [
        ("review", ["review", "check", "verify", "validate", "critique", "proofread", "approve"]),
        ("analysis", ["analy", "compare", "evaluate", "assess", "calculate", "estimate", "rank"]),
        ("writing", ["write", "draft", "summari", "compose", "report", "document", "explain"]),
        ("research", ["research", "find", "search", "gather", "collect", "investigate", "look up", "list"]),
    ];

    public static AgentPlan Plan(string request, IReadOnlyList<string> allowedCapabilities)
    {
        string goal = Normalize(request);
        List<string> clauses = SplitClauses(goal);
        return new AgentPlan(goal, clauses.Count > 1 ? Sequence(clauses, allowedCapabilities) : FanOutFanIn(goal, allowedCapabilities));
    }

    /// <summary>
    /// A request spelled out as a sequence ("do X, then Y") is kept in that order: each step depends on the one before.
    /// </summary>
    private static List<AgentPlanStep> Sequence(List<string> clauses, IReadOnlyList<string> allowedCapabilities)
    {
        var steps = new List<AgentPlanStep>(clauses.Count);
        for (int i = 0; i < clauses.Count; i++)
        {
            steps.Add(new AgentPlanStep($"step-{i + 1}", Allowed(CapabilityOf(clauses[i]), allowedCapabilities, i), clauses[i])
            {
                DependsOn = i == 0 ? [] : [$"step-{i}"],
            });
        }

        return steps;
    }

    /// <summary>
    /// A single request gets gathering and analysis side by side, because neither needs the other, and one writing
    /// step that waits for both: the fan-out and fan-in a team of agents exists for.
    /// </summary>
    private static List<AgentPlanStep> FanOutFanIn(string goal, IReadOnlyList<string> allowedCapabilities) =>
    [
        new("step-1", Allowed("research", allowedCapabilities, 0), $"Gather the facts needed for: {goal}"),
        new("step-2", Allowed("analysis", allowedCapabilities, 1), $"Identify the criteria, trade-offs and risks that matter for: {goal}"),
        new("step-3", Allowed("writing", allowedCapabilities, 2), $"Write the final answer to: {goal}")
        {
            DependsOn = ["step-1", "step-2"],
        },
    ];

    /// <summary>Reads the capability list from a "Capabilities: a, b" line of the prompt, if there is one.</summary>
    public static IReadOnlyList<string> ReadCapabilities(string prompt)
    {
        foreach (string line in prompt.Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.StartsWith(AgentPlan.CapabilitiesLinePrefix, StringComparison.OrdinalIgnoreCase))
            {
                return trimmed[AgentPlan.CapabilitiesLinePrefix.Length..]
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }

        return [];
    }

    private static string Allowed(string capability, IReadOnlyList<string> allowed, int index)
    {
        if (allowed.Count == 0)
        {
            return capability;
        }

        string? match = allowed.FirstOrDefault(a => string.Equals(a, capability, StringComparison.OrdinalIgnoreCase))
            ?? allowed.FirstOrDefault(a => a.Contains(capability, StringComparison.OrdinalIgnoreCase)
                || capability.Contains(a, StringComparison.OrdinalIgnoreCase));
        return match ?? allowed[index % allowed.Count];
    }

    private static string CapabilityOf(string clause)
    {
        foreach ((string capability, string[] keywords) in KeywordCapabilities)
        {
            if (keywords.Any(k => clause.Contains(k, StringComparison.OrdinalIgnoreCase)))
            {
                return capability;
            }
        }

        return "general";
    }

    private static List<string> SplitClauses(string text) =>
        ClauseSeparator().Split(text)
            .Select(c => LeadingConnective().Replace(c.Trim(), string.Empty).TrimEnd('.', ';', ','))
            .Where(c => c.Length > 0)
            .Take(MaxSteps)
            .ToList();

    private static string Normalize(string text)
    {
        string collapsed = Whitespace().Replace(text, " ").Trim();
        return collapsed.Length <= 500 ? collapsed : collapsed[..500];
    }

    [GeneratedRegex(@"^(?:(?:and|then|next|finally|also)\b[\s,]*)+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingConnective();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<=[.;!?])\s+|,?\s+(?:and\s+)?then\s+", RegexOptions.IgnoreCase)]
    private static partial Regex ClauseSeparator();
}
