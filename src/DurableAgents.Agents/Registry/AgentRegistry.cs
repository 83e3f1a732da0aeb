using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace DurableAgents.Agents;

/// <summary>
/// The agent registry. Definitions come from "Agents:Definitions" as a list (each with a Name) or a dictionary
/// (the key is the name unless Name is given); they are validated once, when the registry is built.
/// </summary>
public sealed class AgentRegistry : IAgentRegistry
{
    private readonly Dictionary<string, AgentDefinition> _byName;

    /// <summary>Creates a registry from definitions; providers left empty become <paramref name="defaultProvider"/>.</summary>
    /// <exception cref="AgentConfigurationException">A definition is invalid; the message lists every problem.</exception>
    public AgentRegistry(IEnumerable<AgentDefinition> agents, string defaultProvider = ModelProviders.Offline)
    {
        ArgumentNullException.ThrowIfNull(agents);
        Agents = AgentDefinitionValidator.ValidateAll(agents.ToList(), defaultProvider);
        _byName = Agents.ToDictionary(a => a.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public IReadOnlyList<AgentDefinition> Agents { get; }

    /// <summary>Reads definitions from <paramref name="definitions"/> (the "Agents:Definitions" section).</summary>
    /// <exception cref="AgentConfigurationException">A definition is invalid; the message lists every problem.</exception>
    [RequiresUnreferencedCode("Binds configuration by reflection.")]
    public static AgentRegistry FromConfiguration(IConfigurationSection definitions, string defaultProvider = ModelProviders.Offline)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var agents = new List<AgentDefinition>();
        var errors = new List<string>();
        foreach (IConfigurationSection child in definitions.GetChildren())
        {
            bool isListItem = int.TryParse(child.Key, out _);
            try
            {
                AgentDefinition agent = child.Get<AgentDefinition>() ?? new AgentDefinition();
                if (string.IsNullOrWhiteSpace(agent.Name) && !isListItem)
                {
                    agent = agent with { Name = child.Key };
                }

                agents.Add(agent);
            }
            catch (InvalidOperationException exception)
            {
                // The binder throws this when a value cannot be converted (e.g. MaxTokens = "many").
                errors.Add($"Agent at {child.Path}: {exception.Message}");
            }
        }

        if (errors.Count > 0)
        {
            throw new AgentConfigurationException(errors);
        }

        return new AgentRegistry(agents, defaultProvider);
    }

    /// <inheritdoc/>
    public AgentDefinition Get(string name) =>
        TryGet(name, out AgentDefinition agent) ? agent : throw new AgentNotFoundException(name, Agents.Select(a => a.Name));

    /// <inheritdoc/>
    public bool TryGet(string name, out AgentDefinition agent)
    {
        if (name is not null && _byName.TryGetValue(name, out AgentDefinition? found))
        {
            agent = found;
            return true;
        }

        agent = null!;
        return false;
    }

    /// <inheritdoc/>
    public IReadOnlyList<AgentDefinition> FindByCapability(string capability)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(capability);
        return Agents.Where(a => a.HasCapability(capability)).ToList();
    }
}
