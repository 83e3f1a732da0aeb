using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>Carries a correlation id on <see cref="ChatOptions"/> so model clients send it with the request.</summary>
public static class ChatOptionsCorrelationExtensions
{
    /// <summary>Key of the correlation id in <see cref="ChatOptions.AdditionalProperties"/>.</summary>
    public const string PropertyName = "correlationId";

    /// <summary>HTTP header the network clients send the correlation id in.</summary>
    public const string HeaderName = "x-correlation-id";

    /// <summary>Stores <paramref name="correlationId"/> on the options and returns them.</summary>
    public static ChatOptions WithCorrelationId(this ChatOptions options, string correlationId)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(correlationId);
        options.AdditionalProperties ??= [];
        options.AdditionalProperties[PropertyName] = correlationId;
        return options;
    }

    /// <summary>The correlation id stored on the options, or null.</summary>
    public static string? GetCorrelationId(this ChatOptions? options) =>
        options?.AdditionalProperties is { } properties
            && properties.TryGetValue(PropertyName, out object? value)
            && value is not null
            ? value.ToString()
            : null;
}
