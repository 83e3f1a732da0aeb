using Microsoft.Extensions.AI;

namespace DurableAgents.Agents.Tests.Fakes;

/// <summary>A client factory that serves one client for every agent.</summary>
internal sealed class SingleClientFactory(IChatClient client) : IChatClientFactory
{
    public IChatClient GetClient(AgentDefinition agent) => client;

    public IChatClient GetClient(string provider, string model) => client;
}
