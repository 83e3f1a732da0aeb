using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>Gives the chat client that serves an agent's provider and model.</summary>
public interface IChatClientFactory
{
    /// <summary>The client for the agent's provider and model. Clients are shared: do not dispose them.</summary>
    IChatClient GetClient(AgentDefinition agent);

    /// <summary>The client for <paramref name="provider"/> (see <see cref="ModelProviders"/>) and <paramref name="model"/>.</summary>
    IChatClient GetClient(string provider, string model);
}
