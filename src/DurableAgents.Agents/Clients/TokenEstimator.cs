using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>
/// Estimates token counts from text length without a tokenizer. English text averages about four characters
/// per token on current models; budgets use this estimate before a call and the provider's real counts after.
/// </summary>
public static class TokenEstimator
{
    /// <summary>Characters counted as one token.</summary>
    public const int CharactersPerToken = 4;

    /// <summary>Estimated tokens in <paramref name="text"/> (0 for null or empty, otherwise at least 1).</summary>
    public static long Estimate(string? text) =>
        string.IsNullOrEmpty(text) ? 0 : (text.Length + CharactersPerToken - 1) / CharactersPerToken;

    /// <summary>Estimated prompt tokens of a conversation: every message's text plus the instructions.</summary>
    public static long Estimate(IEnumerable<ChatMessage> messages, string? instructions = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        long total = Estimate(instructions);
        foreach (ChatMessage message in messages)
        {
            total += Estimate(message.Text);
            foreach (AIContent content in message.Contents)
            {
                total += content switch
                {
                    FunctionCallContent call => Estimate(call.Name) + Estimate(JsonContent.Serialize(call.Arguments)),
                    FunctionResultContent result => Estimate(JsonContent.ToText(result.Result)),
                    _ => 0,
                };
            }
        }

        return total;
    }
}
