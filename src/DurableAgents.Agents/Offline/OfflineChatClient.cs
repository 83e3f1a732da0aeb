using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>
/// A deterministic <see cref="IChatClient"/> that makes no network call. Answers start with "[offline]". When the
/// request asks for a JSON plan (JSON response format, or "plan" and "JSON" in the prompt) it answers with a valid
/// <see cref="AgentPlan"/> derived from the request; otherwise with a short answer derived from the input. Usage is
/// estimated with <see cref="TokenEstimator"/> so budgets work offline.
/// </summary>
public sealed class OfflineChatClient : IChatClient
{
    /// <summary>The prefix every offline answer starts with.</summary>
    public const string AnswerPrefix = "[offline]";

    private readonly string _modelId;

    /// <summary>Creates the client; <paramref name="modelId"/> is reported in answers and metadata.</summary>
    public OfflineChatClient(string modelId = "offline")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        _modelId = modelId;
    }

    /// <summary>Metadata about this client: provider "offline" and the model id.</summary>
    public ChatClientMetadata Metadata => new("offline", providerUri: null, _modelId);

    /// <inheritdoc/>
    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        cancellationToken.ThrowIfCancellationRequested();
        List<ChatMessage> conversation = messages.ToList();
        string modelId = options?.ModelId ?? _modelId;
        string system = string.Join("\n", new[] { options?.Instructions }
            .Concat(conversation.Where(m => m.Role == ChatRole.System).Select(m => m.Text))
            .Where(t => !string.IsNullOrEmpty(t)));
        string request = LastInput(conversation);
        int? maxOutputTokens = options?.MaxOutputTokens;

        (string answer, bool truncated) = WantsPlan(system, request, options)
            ? (PlanAnswer(request, system, maxOutputTokens), false)
            : PlainAnswer(request, modelId, maxOutputTokens);

        long inputTokens = TokenEstimator.Estimate(conversation, options?.Instructions);
        long outputTokens = TokenEstimator.Estimate(answer);
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, answer))
        {
            ModelId = modelId,
            ResponseId = "offline-" + Digest(system + "\n" + request),
            FinishReason = truncated ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Usage = new UsageDetails
            {
                InputTokenCount = inputTokens,
                OutputTokenCount = outputTokens,
                TotalTokenCount = inputTokens + outputTokens,
            },
        };
        return Task.FromResult(response);
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ChatClientPlumbing.StreamWholeResponseAsync(token => GetResponseAsync(messages, options, token), cancellationToken);

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ChatClientPlumbing.GetService(this, Metadata, serviceType, serviceKey);

    /// <inheritdoc/>
    public void Dispose()
    {
        // Holds no resources.
    }

    private static bool WantsPlan(string system, string request, ChatOptions? options)
    {
        if (options?.ResponseFormat is ChatResponseFormatJson)
        {
            return true;
        }

        string prompt = system + "\n" + request;
        return prompt.Contains("plan", StringComparison.OrdinalIgnoreCase)
            && prompt.Contains("json", StringComparison.OrdinalIgnoreCase);
    }

    private static string PlanAnswer(string request, string system, int? maxOutputTokens)
    {
        AgentPlan plan = OfflinePlanner.Plan(request, OfflinePlanner.ReadCapabilities(system));

        // Drop trailing steps until the plan fits the output limit; a plan keeps at least one step.
        while (maxOutputTokens is { } limit && plan.Steps.Count > 1 && TokenEstimator.Estimate(plan.ToJson()) > limit)
        {
            plan = plan with { Steps = plan.Steps.Take(plan.Steps.Count - 1).ToList() };
        }

        return plan.ToJson();
    }

    private static (string Answer, bool Truncated) PlainAnswer(string request, string modelId, int? maxOutputTokens)
    {
        string excerpt = request.Length <= 160 ? request : request[..160] + "...";
        int words = request.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        string answer = string.Create(
            CultureInfo.InvariantCulture,
            $"{AnswerPrefix} {modelId} answer to \"{excerpt}\" ({words} words, digest {Digest(request)}). No model was called; set Agents:Provider to Bedrock or OpenAiCompatible for real answers.");
        if (maxOutputTokens is { } limit && TokenEstimator.Estimate(answer) > limit)
        {
            int length = Math.Max(AnswerPrefix.Length, limit * TokenEstimator.CharactersPerToken);
            return (answer[..Math.Min(length, answer.Length)], true);
        }

        return (answer, false);
    }

    private static string LastInput(List<ChatMessage> conversation)
    {
        ChatMessage? last = conversation.LastOrDefault(m => m.Role != ChatRole.System && m.Role != ChatRole.Assistant);
        if (last is null)
        {
            return string.Empty;
        }

        var text = new StringBuilder(last.Text);
        foreach (FunctionResultContent result in last.Contents.OfType<FunctionResultContent>())
        {
            text.Append(' ').Append(JsonContent.ToText(result.Result));
        }

        return text.ToString().Trim();
    }

    /// <summary>FNV-1a over UTF-16 code units: stable across processes, unlike string.GetHashCode.</summary>
    private static string Digest(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }
}
