using System.Collections.Concurrent;
using Microsoft.Extensions.AI;

namespace DurableAgents.Workflows.Tests.Fakes;

/// <summary>
/// Stands in for a model (which cannot run here): answers each call with what the test's function returns for the
/// call number (from 1) and the user's text, and records the user texts it was sent.
/// </summary>
internal sealed class ScriptedChatClient(Func<int, string, string> answer) : IChatClient
{
    private readonly ConcurrentQueue<string> _prompts = new();
    private int _calls;

    public IReadOnlyList<string> Prompts => _prompts.ToArray();

    public static ScriptedChatClient Always(string text) => new((_, _) => text);

    public static ScriptedChatClient InOrder(params string[] answers) =>
        new((call, _) => answers[Math.Min(call, answers.Length) - 1]);

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        string user = messages.Last(m => m.Role == ChatRole.User).Text;
        _prompts.Enqueue(user);
        string text = answer(Interlocked.Increment(ref _calls), user);
        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, text))
        {
            ModelId = "scripted",
            FinishReason = ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = 50, OutputTokenCount = 20 },
        });
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The agent layer does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
