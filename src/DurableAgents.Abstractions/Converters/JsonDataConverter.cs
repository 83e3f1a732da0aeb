using System.Text.Json;

namespace DurableAgents.Converters;

/// <summary>The default converter: System.Text.Json with web defaults (camelCase), as the durabletask SDKs send JSON.</summary>
public sealed class JsonDataConverter : DataConverter
{
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates a converter with the given options, or web defaults.</summary>
    public JsonDataConverter(JsonSerializerOptions? options = null)
    {
        _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.Web);
    }

    /// <summary>The shared default instance.</summary>
    public static JsonDataConverter Default { get; } = new();

    /// <inheritdoc/>
    public override string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _options);

    /// <inheritdoc/>
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        if (data is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(data, targetType, _options);
        }
        catch (JsonException ex)
        {
            throw new PayloadFormatException(
                $"The payload is not valid JSON for type '{targetType.Name}': {ex.Message} Payload starts with: {Truncate(data)}", ex);
        }
    }

    private static string Truncate(string data) => data.Length <= 120 ? data : string.Concat(data.AsSpan(0, 120), "...");
}
