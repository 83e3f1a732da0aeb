namespace DurableAgents.Workflows.AgentCalls;

/// <summary>
/// The configured agents as orchestrators see them. It comes from the <see cref="DescribeAgentsActivity"/> activity,
/// so it is recorded in history and every replay makes the same choices, even if configuration changed meanwhile.
/// </summary>
/// <param name="Agents">Every agent, in configuration order.</param>
public sealed record AgentCatalog(IReadOnlyList<AgentProfile> Agents)
{
    /// <summary>The agent named <paramref name="name"/> (case-insensitive), or null.</summary>
    public AgentProfile? Find(string name) =>
        Agents.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every capability of the agents not named in <paramref name="excludedAgents"/>, first spelling wins.</summary>
    public IReadOnlyList<string> CapabilitiesExcept(IEnumerable<string> excludedAgents)
    {
        ArgumentNullException.ThrowIfNull(excludedAgents);
        var excluded = new HashSet<string>(excludedAgents, StringComparer.OrdinalIgnoreCase);
        return Agents.Where(a => !excluded.Contains(a.Name))
            .SelectMany(a => a.Capabilities)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>
    /// The agents to try for <paramref name="capability"/>, best first: the primary agent (<paramref name="preferred"/>
    /// when it is configured, else the most expensive capable agent, taken to be the strongest), then every capable
    /// agent that is cheaper than the primary (<see cref="AgentProfile.IsCheaperThan"/>), most expensive first. Ties
    /// are broken by name, never by configuration order (configuration sorts dictionary keys). Empty when none fits.
    /// </summary>
    public IReadOnlyList<string> CandidatesFor(string capability, string? preferred = null, IEnumerable<string>? excludedAgents = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(capability);
        var excluded = new HashSet<string>(excludedAgents ?? [], StringComparer.OrdinalIgnoreCase);
        List<AgentProfile> capable = Agents
            .Where(a => a.HasCapability(capability) && !excluded.Contains(a.Name))
            .OrderByDescending(a => a.InputPricePer1kTokens + a.OutputPricePer1kTokens)
            .ThenByDescending(a => a.TokenBudget is { } ceiling ? Math.Min(ceiling, a.MaxTokens) : a.MaxTokens)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .ToList();
        AgentProfile? primary = (preferred is null ? null : Find(preferred)) ?? capable.FirstOrDefault();
        if (primary is null)
        {
            return [];
        }

        IEnumerable<string> fallbacks = capable
            .Where(a => !string.Equals(a.Name, primary.Name, StringComparison.OrdinalIgnoreCase) && a.IsCheaperThan(primary))
            .Select(a => a.Name);
        return [primary.Name, .. fallbacks];
    }
}
