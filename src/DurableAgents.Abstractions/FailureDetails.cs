using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Microsoft.DurableTask;

namespace DurableAgents;

/// <summary>Describes why an activity, sub-orchestration or orchestration failed.</summary>
/// <param name="ErrorType">Full type name of the exception (or another stable error code).</param>
/// <param name="ErrorMessage">Human-readable message.</param>
/// <param name="StackTrace">Stack trace where the failure was raised, if any.</param>
/// <param name="InnerFailure">The failure that caused this one, if any.</param>
/// <param name="IsNonRetriable">When true, retry policies never retry this failure.</param>
/// <param name="Properties">
/// Custom properties of the exception (the protocol's <c>TaskFailureDetails.properties</c>, which the official SDK fills
/// from an <c>IExceptionPropertiesProvider</c>). Each value is the JSON form of the protocol's google.protobuf.Value:
/// JSON has exactly Value's kinds (null, number, string, bool, object, array), so nothing is lost and stores write the
/// values as plain JSON. Null when there are none.
/// </param>
public sealed record FailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    FailureDetails? InnerFailure = null,
    bool IsNonRetriable = false,
    IReadOnlyDictionary<string, JsonElement>? Properties = null)
{
    /// <summary>
    /// Builds failure details from an exception, including its inner exceptions. <paramref name="properties"/> (the
    /// worker's exception-properties provider, if any) supplies custom properties for each exception in the chain.
    /// </summary>
    public static FailureDetails FromException(
        Exception exception, bool isNonRetriable = false, Func<Exception, IDictionary<string, object?>?>? properties = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        bool nonRetriable = isNonRetriable || exception is INonRetriableFailure;
        FailureDetails? inner = exception.InnerException is not null
            ? FromException(exception.InnerException, properties: properties)
            : (exception as TaskFailedException)?.FailureDetails is { } cause ? From(cause) : null; // a task's own failure is its cause
        return new FailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            inner,
            nonRetriable,
            properties?.Invoke(exception) is { Count: > 0 } given
                ? given.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value))
                : null);
    }

    /// <summary>The engine's record of a failure the SDK describes (e.g. the cause inside a <see cref="TaskFailedException"/>).</summary>
    public static FailureDetails From(TaskFailureDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new FailureDetails(
            details.ErrorType,
            details.ErrorMessage,
            details.StackTrace,
            details.InnerFailure is { } inner ? From(inner) : null,
            Properties: details.Properties is { Count: > 0 } properties
                ? properties.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value))
                : null);
    }

    /// <summary>
    /// The SDK's description of this failure, as orchestrator code sees it in <see cref="TaskFailedException.FailureDetails"/>.
    /// Property values become strings, doubles, booleans or null; objects and arrays stay <see cref="JsonElement"/>s.
    /// </summary>
    public TaskFailureDetails ToTaskFailureDetails() => new(
        ErrorType,
        ErrorMessage,
        StackTrace,
        InnerFailure?.ToTaskFailureDetails(),
        Properties?.ToDictionary(p => p.Key, p => ToPlainValue(p.Value)));

    private static object? ToPlainValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.Clone(),
    };

    /// <summary>True when the failure was caused by <typeparamref name="T"/> or a type derived from it.</summary>
    public bool IsCausedBy<T>() where T : Exception => IsCausedBy(typeof(T));

    /// <summary>True when the failure was caused by <paramref name="exceptionType"/> or a type derived from it.</summary>
    [SuppressMessage("Trimming", "IL2057", Justification = "Type lookup by recorded name is best effort.")]
    public bool IsCausedBy(Type exceptionType)
    {
        ArgumentNullException.ThrowIfNull(exceptionType);
        if (string.Equals(ErrorType, exceptionType.FullName, StringComparison.Ordinal))
        {
            return true;
        }

        Type? recorded = FindType(ErrorType);
        return recorded is not null && exceptionType.IsAssignableFrom(recorded);
    }

    private static Type? FindType(string fullName)
    {
        foreach (System.Reflection.Assembly assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            Type? type = assembly.GetType(fullName, throwOnError: false);
            if (type is not null)
            {
                return type;
            }
        }

        return null;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
