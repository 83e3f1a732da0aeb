using Microsoft.Extensions.AI;

namespace DurableAgents.Agents.Tests.Fakes;

/// <summary>An in-memory chat client whose answers a test scripts; records what it was asked.</summary>
internal sealed class ScriptedChatClient : IChatClient
{
    private int _calls;

    public ScriptedChatClient(Func<int, CancellationToken, Task<ChatResponse>> handler)
    {
        Handler = handler;
    }

    public Func<int, CancellationToken, Task<ChatResponse>> Handler { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<ChatMessage> LastMessages { get; private set; } = [];

    public ChatOptions? LastOptions { get; private set; }

    public static ScriptedChatClient Answering(string text, long? inputTokens, long? outputTokens) =>
        new((_, _) => Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = "scripted-model",
            FinishReason = ChatFinishReason.Stop,
            Usage = inputTokens is null ? null : new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens },
        }));

    public static ScriptedChatClient Failing(Func<Exception> error) => new((_, _) => Task.FromException<ChatResponse>(error()));

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        LastMessages = messages.ToList();
        LastOptions = options;
        return Handler(Interlocked.Increment(ref _calls), cancellationToken);
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Streaming is not used by the agent layer.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
