using System.Text.Json;
using Microsoft.DurableTask.Converters;

namespace DurableAgents.Converters;

/// <summary>
/// System.Text.Json with web defaults: camelCase out, case-insensitive in. The all-in-one host uses it so that JSON
/// posted to the HTTP API (<c>{"question": ...}</c>) binds to C# records (<c>Question</c>), which the SDK's default
/// converter (case-sensitive) would leave empty. Payloads that are not valid JSON for the target type fail with a
/// <see cref="PayloadFormatException"/> that quotes the start of the payload.
/// </summary>
public sealed class WebJsonDataConverter : JsonDataConverter
{
    /// <summary>Creates a converter with the given options, or web defaults.</summary>
    public WebJsonDataConverter(JsonSerializerOptions? options = null)
        : base(options ??= new JsonSerializerOptions(JsonSerializerDefaults.Web))
    {
        Options = options;
    }

    /// <summary>The options payloads are read and written with (e.g. for checking a payload before it is sent).</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>The shared instance with web defaults.</summary>
    public static new WebJsonDataConverter Default { get; } = new();

    /// <inheritdoc/>
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        if (data is null && targetType.IsValueType && Nullable.GetUnderlyingType(targetType) is null)
        {
            // A missing payload read as a non-nullable value type is its default (the SDK's Deserialize<T> would
            // otherwise unbox null and throw).
            return Activator.CreateInstance(targetType);
        }

        try
        {
            return base.Deserialize(data, targetType);
        }
        catch (JsonException ex)
        {
            throw new PayloadFormatException(
                $"The payload is not valid JSON for type '{targetType.Name}': {ex.Message} Payload starts with: {Truncate(data!)}", ex);
        }
    }

    private static string Truncate(string data) => data.Length <= 120 ? data : string.Concat(data.AsSpan(0, 120), "...");
}
