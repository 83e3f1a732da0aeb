using System.Collections.Concurrent;
using Amazon.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Agents;

/// <summary>
/// Creates and caches one client per provider and model, from <see cref="AgentsOptions"/>. Network clients of
/// one provider share an HTTP connection pool.
/// </summary>
public sealed class ChatClientFactory : IChatClientFactory, IDisposable
{
    private readonly AgentsOptions _options;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeProvider _timeProvider;
    private readonly AWSCredentials? _bedrockCredentials;
    private readonly ConcurrentDictionary<(string Provider, string Model), Lazy<IChatClient>> _clients = new();
    private readonly Lazy<HttpClient> _bedrockHttp = new(CreateHttpClient);
    private readonly Lazy<HttpClient> _openAiHttp = new(CreateHttpClient);

    /// <summary>Creates the factory.</summary>
    /// <param name="options">Provider settings.</param>
    /// <param name="loggerFactory">Creates the clients' loggers.</param>
    /// <param name="timeProvider">Clock for signing and retry delays.</param>
    /// <param name="bedrockCredentials">Credentials for Bedrock; null uses the profile or the default AWS chain.</param>
    public ChatClientFactory(
        AgentsOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        AWSCredentials? bedrockCredentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _bedrockCredentials = bedrockCredentials;
    }

    /// <inheritdoc/>
    public IChatClient GetClient(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return GetClient(agent.Provider ?? _options.Provider, agent.Model ?? "offline");
    }

    /// <inheritdoc/>
    public IChatClient GetClient(string provider, string model)
    {
        string canonical = ModelProviders.Normalize(provider) ?? throw new ModelProviderConfigurationException(
            $"Provider '{provider}' is not known; use one of {string.Join(", ", ModelProviders.All)} (Agents:Provider or the agent's Provider).");
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        return _clients.GetOrAdd((canonical, model), key => new Lazy<IChatClient>(() => Create(key.Provider, key.Model))).Value;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (Lazy<IChatClient> client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }

        if (_bedrockHttp.IsValueCreated)
        {
            _bedrockHttp.Value.Dispose();
        }

        if (_openAiHttp.IsValueCreated)
        {
            _openAiHttp.Value.Dispose();
        }
    }

    private IChatClient Create(string provider, string model) => provider switch
    {
        ModelProviders.Bedrock => new BedrockChatClient(
            model, _options.Bedrock, _bedrockHttp.Value, _bedrockCredentials, _loggerFactory.CreateLogger<BedrockChatClient>(), _timeProvider),
        ModelProviders.OpenAiCompatible => new OpenAiCompatibleChatClient(
            model, _options.OpenAiCompatible, _openAiHttp.Value, _loggerFactory.CreateLogger<OpenAiCompatibleChatClient>(), _timeProvider),
        _ => new OfflineChatClient(model),
    };

    // Long-lived clients must still notice DNS changes (regional endpoints fail over by DNS).
    private static HttpClient CreateHttpClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
}
