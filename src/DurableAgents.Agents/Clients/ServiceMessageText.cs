namespace DurableAgents.Agents;

/// <summary>Puts a provider's error message into ours, which adds its own sentences after it.</summary>
internal static class ServiceMessageText
{
    /// <summary>
    /// The message as one sentence: trimmed, and ending with a full stop unless it already ends a sentence, so that
    /// "please wait before trying again." is not followed by a second period.
    /// </summary>
    public static string AsSentence(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string trimmed = message.Trim();
        return trimmed.Length == 0 || trimmed[^1] is '.' or '!' or '?' ? trimmed : trimmed + ".";
    }
}
