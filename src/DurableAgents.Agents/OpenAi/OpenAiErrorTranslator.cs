using System.Net;
using System.Text.Json;

namespace DurableAgents.Agents;

/// <summary>Turns an OpenAI-style error answer ({"error":{"message","type","code"}}) into a specific exception.</summary>
internal static class OpenAiErrorTranslator
{
    public static ModelProviderException Translate(HttpStatusCode status, string body, string modelId, Uri endpoint, TimeSpan? retryAfter)
    {
        int statusCode = (int)status;
        (string? code, string? message) = ParseBody(body);
        message ??= string.IsNullOrWhiteSpace(body) ? "(no message)" : body.Trim();
        code ??= "Http" + statusCode;
        string prefix = $"{endpoint} answered {statusCode} ({code}) for model '{modelId}': {ServiceMessageText.AsSentence(message)}";
        if (statusCode is 408 or 409 or 429 or >= 500)
        {
            return new ModelProviderException(
                $"{prefix} Retried with backoff; lower concurrency or check the server's capacity.",
                ModelProviders.OpenAiCompatible, statusCode, code, isRetryable: true)
            {
                RetryAfter = retryAfter,
            };
        }

        string advice = statusCode switch
        {
            401 or 403 => "Check Agents:OpenAiCompatible:ApiKey and that the key may use this model.",
            404 => "Check Agents:OpenAiCompatible:BaseUrl (it should end with /v1) and that the server serves this model.",
            _ => "Check the request: model name, max_tokens and tool definitions.",
        };
        return new ModelRequestRejectedException($"{prefix} {advice}", ModelProviders.OpenAiCompatible, statusCode, code);
    }

    private static (string? Code, string? Message) ParseBody(string body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out JsonElement error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return (null, error.GetString());
                }

                string? code = error.TryGetProperty("code", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString()
                    : error.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString()
                    : null;
                string? message = error.TryGetProperty("message", out JsonElement m) ? m.GetString() : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, plain text): the raw body is the message.
        }

        return (null, null);
    }
}
