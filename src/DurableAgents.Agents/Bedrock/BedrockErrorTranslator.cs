using System.Net;
using System.Text.Json;

namespace DurableAgents.Agents;

/// <summary>
/// Turns a Bedrock error answer into a specific exception: throttling and server errors are retryable;
/// validation, access, credential and not-found errors fail at once with the service's message and what to check.
/// </summary>
internal static class BedrockErrorTranslator
{
    public static ModelProviderException Translate(
        HttpStatusCode status, string? errorTypeHeader, string body, string modelId, string region, TimeSpan? retryAfter)
    {
        (string? bodyType, string? serviceMessage) = ParseBody(body);
        string errorCode = CleanErrorType(errorTypeHeader) ?? CleanErrorType(bodyType) ?? DefaultCode(status);
        int statusCode = (int)status;
        serviceMessage = FirstParagraph(serviceMessage ?? (string.IsNullOrWhiteSpace(body) ? "(no message)" : body));
        string prefix = $"Bedrock answered {statusCode} {errorCode} for model '{modelId}' in region '{region}': {ServiceMessageText.AsSentence(serviceMessage)}";

        if (IsRetryable(statusCode, errorCode))
        {
            string advice = statusCode == 429 || errorCode is "ThrottlingException" or "ModelNotReadyException"
                ? "Retried with backoff; lower concurrency, use a cross-region inference profile, or ask for a higher quota."
                : "Retried with backoff; this is a service-side problem, try again later.";
            return new ModelProviderException($"{prefix} {advice}", ModelProviders.Bedrock, statusCode, errorCode, isRetryable: true)
            {
                RetryAfter = retryAfter,
            };
        }

        return new ModelRequestRejectedException($"{prefix} {Advice(errorCode, statusCode, serviceMessage, modelId, region)}",
            ModelProviders.Bedrock, statusCode, errorCode);
    }

    internal static bool IsRetryable(int statusCode, string errorCode) =>
        statusCode is 429 or 408 or >= 500
        || errorCode is "ThrottlingException" or "ModelNotReadyException" or "ModelTimeoutException"
            or "ServiceUnavailableException" or "InternalServerException";

    private static string Advice(string errorCode, int statusCode, string serviceMessage, string modelId, string region)
    {
        if (IsSignatureProblem(errorCode, statusCode, serviceMessage))
        {
            return SignatureAdvice;
        }

        return IsTokenProblem(errorCode, statusCode, serviceMessage) ? TokenAdvice : OtherAdvice(errorCode, statusCode, modelId, region);
    }

    private static string OtherAdvice(string errorCode, int statusCode, string modelId, string region) => errorCode switch
    {
        "AccessDeniedException" =>
            $"Check that access to '{modelId}' is granted in the Amazon Bedrock console (Model access) for region "
            + $"'{region}', and that the IAM identity allows bedrock:InvokeModel on it.",
        "ResourceNotFoundException" =>
            $"Check the model id '{modelId}' and that the model is offered in region '{region}' "
            + "(some models need an inference profile id such as us.anthropic...).",
        "ValidationException" =>
            "Check the request: the model id, inferenceConfig limits (maxTokens), that messages start with a user "
            + "message and alternate user/assistant, and the tool definitions.",
        "ModelErrorException" => "The model could not process this input; change the prompt or try another model.",
        _ when statusCode == 401 || statusCode == 403 =>
            $"Check the AWS credentials and that model access is granted in region '{region}'.",
        _ => "The request was not retried because this error does not go away on its own.",
    };

    private const string SignatureAdvice =
        "AWS could not verify the request's signature: check AWS_SECRET_ACCESS_KEY (it must be the secret of the access "
        + "key in use, AWS_ACCESS_KEY_ID or the key of Agents:Bedrock:Profile), AWS_SESSION_TOKEN (temporary "
        + "credentials need the token issued with them, and it must not have expired), and that this machine's clock "
        + "is right (a signature carries the time, and AWS refuses one more than a few minutes off).";

    private const string TokenAdvice =
        "AWS did not accept the credentials: check that AWS_ACCESS_KEY_ID (or the key of Agents:Bedrock:Profile) "
        + "exists and is active, and AWS_SESSION_TOKEN: temporary credentials need the token issued with them, and it "
        + "must not have expired. Also check that this machine's clock is right.";

    /// <summary>
    /// The signature did not verify: a wrong secret key, a session token that does not belong to the keys, or a
    /// skewed clock. Known by the error code, or for a 401/403, by the message: the service does not always send a
    /// type (and without one a 403 would be taken for AccessDeniedException and answered with model-access advice).
    /// </summary>
    private static bool IsSignatureProblem(string errorCode, int statusCode, string serviceMessage) =>
        errorCode is "InvalidSignatureException" or "SignatureDoesNotMatch" or "IncompleteSignatureException"
        || (statusCode is 401 or 403 && serviceMessage.Contains("signature", StringComparison.OrdinalIgnoreCase));

    /// <summary>The access key or session token is unknown, missing or expired.</summary>
    private static bool IsTokenProblem(string errorCode, int statusCode, string serviceMessage) =>
        errorCode is "UnrecognizedClientException" or "ExpiredTokenException" or "MissingAuthenticationTokenException"
            or "InvalidClientTokenId"
        || (statusCode is 401 or 403 && serviceMessage.Contains("security token", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// AWS follows a signature error's message with the canonical request it expected, after a blank line; that is
    /// for debugging a signer and would bury the advice, so only the first paragraph is kept.
    /// </summary>
    private static string FirstParagraph(string message)
    {
        string trimmed = message.Trim();
        int blankLine = trimmed.IndexOf("\n\n", StringComparison.Ordinal);
        return blankLine > 0 ? trimmed[..blankLine].TrimEnd() : trimmed;
    }

    private static (string? Type, string? Message) ParseBody(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? type = root.TryGetProperty("__type", out JsonElement t) ? t.GetString() : null;
            string? message = root.TryGetProperty("message", out JsonElement m) ? m.GetString()
                : root.TryGetProperty("Message", out JsonElement m2) ? m2.GetString()
                : null;
            return (type, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// AWS JSON services send the error type as "ThrottlingException:http://internal..." in x-amzn-ErrorType
    /// or as "com.amazon.coral...#ThrottlingException" in __type; keep only the name.
    /// </summary>
    internal static string? CleanErrorType(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        string value = raw.Trim();
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            value = value[..colon];
        }

        int hash = value.LastIndexOf('#');
        if (hash >= 0)
        {
            value = value[(hash + 1)..];
        }

        return value.Length == 0 ? null : value;
    }

    private static string DefaultCode(HttpStatusCode status) => (int)status switch
    {
        400 => "ValidationException",
        401 => "UnrecognizedClientException",
        403 => "AccessDeniedException",
        404 => "ResourceNotFoundException",
        429 => "ThrottlingException",
        503 => "ServiceUnavailableException",
        >= 500 => "InternalServerException",
        _ => "Http" + (int)status,
    };
}
