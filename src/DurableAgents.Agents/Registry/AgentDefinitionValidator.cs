namespace DurableAgents.Agents;

/// <summary>Checks agent definitions and fills defaults; every problem names the agent and the field.</summary>
internal static class AgentDefinitionValidator
{
    public static IReadOnlyList<AgentDefinition> ValidateAll(IReadOnlyList<AgentDefinition> agents, string defaultProvider)
    {
        var errors = new List<string>();
        string? fallbackProvider = ModelProviders.Normalize(defaultProvider);
        if (fallbackProvider is null)
        {
            errors.Add($"Agents:Provider '{defaultProvider}' is not a known provider; use one of {string.Join(", ", ModelProviders.All)}.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var valid = new List<AgentDefinition>(agents.Count);
        for (int i = 0; i < agents.Count; i++)
        {
            AgentDefinition agent = agents[i];
            string label = string.IsNullOrWhiteSpace(agent.Name) ? $"#{i}" : $"'{agent.Name}'";
            void Fail(string field, string problem) => errors.Add($"Agent {label}: {field} {problem}");

            if (string.IsNullOrWhiteSpace(agent.Name))
            {
                Fail("Name", "is required.");
            }
            else if (!names.Add(agent.Name))
            {
                Fail("Name", "is used by more than one agent; names must be unique (case-insensitive).");
            }

            string? provider = agent.Provider is null ? fallbackProvider : ModelProviders.Normalize(agent.Provider);
            if (agent.Provider is not null && provider is null)
            {
                Fail("Provider", $"'{agent.Provider}' is not a known provider; use one of {string.Join(", ", ModelProviders.All)}.");
            }

            if (provider is not null && provider != ModelProviders.Offline && string.IsNullOrWhiteSpace(agent.Model))
            {
                Fail("Model", $"is required for provider {provider} (e.g. anthropic.claude-3-haiku-20240307-v1:0).");
            }

            if (agent.MaxTokens <= 0)
            {
                Fail("MaxTokens", $"must be greater than 0 (got {agent.MaxTokens}).");
            }

            if (agent.Temperature is < 0f or > 2f)
            {
                Fail("Temperature", $"must be between 0 and 2 (got {agent.Temperature}).");
            }

            if (agent.Timeout <= TimeSpan.Zero)
            {
                Fail("Timeout", $"must be positive, e.g. 00:01:00 (got {agent.Timeout}).");
            }

            if (agent.TokenBudget is <= 0)
            {
                Fail("TokenBudget", $"must be greater than 0 when set (got {agent.TokenBudget}).");
            }

            if (agent.InputPricePer1kTokens < 0 || agent.OutputPricePer1kTokens < 0)
            {
                Fail("InputPricePer1kTokens/OutputPricePer1kTokens", "must not be negative.");
            }

            if (agent.Capabilities.Any(string.IsNullOrWhiteSpace))
            {
                Fail("Capabilities", "must not contain empty entries.");
            }

            valid.Add(agent with
            {
                Provider = provider ?? agent.Provider,
                Model = string.IsNullOrWhiteSpace(agent.Model) ? "offline" : agent.Model,
                Capabilities = agent.Capabilities.Select(c => c?.Trim() ?? string.Empty).ToList(),
            });
        }

        if (errors.Count > 0)
        {
            throw new AgentConfigurationException(errors);
        }

        return valid;
    }
}
