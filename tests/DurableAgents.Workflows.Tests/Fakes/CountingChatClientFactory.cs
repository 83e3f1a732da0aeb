using System.Collections.Concurrent;
using DurableAgents.Agents;
using Microsoft.Extensions.AI;

namespace DurableAgents.Workflows.Tests.Fakes;

/// <summary>
/// Serves the real clients (offline, Bedrock) from the agent layer's factory, or a test's model double for chosen
/// agents, and counts every model call per agent, so tests can prove when the model was (not) called.
/// </summary>
internal sealed class CountingChatClientFactory(IChatClientFactory inner, IReadOnlyDictionary<string, IChatClient> models) : IChatClientFactory
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.OrdinalIgnoreCase);

    public int TotalCalls => _calls.Values.Sum();

    public int CallsTo(string agentName) => _calls.TryGetValue(agentName, out int count) ? count : 0;

    public IChatClient GetClient(AgentDefinition agent)
    {
        IChatClient client = models.TryGetValue(agent.Name, out IChatClient? model) ? model : inner.GetClient(agent);
        return new CountingClient(client, () => _calls.AddOrUpdate(agent.Name, 1, (_, n) => n + 1));
    }

    public IChatClient GetClient(string provider, string model) =>
        throw new NotSupportedException("The InvokeAgent activity asks by agent; counting needs the agent's name.");

    // Not a DelegatingChatClient: that would dispose the shared inner client, which belongs to the factory.
    private sealed class CountingClient(IChatClient inner, Action onCall) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            onCall();
            return inner.GetResponseAsync(messages, options, cancellationToken);
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            onCall();
            return inner.GetStreamingResponseAsync(messages, options, cancellationToken);
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => inner.GetService(serviceType, serviceKey);

        public void Dispose()
        {
        }
    }
}
