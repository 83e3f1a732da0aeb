using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace DurableAgents.Storage.DynamoDb.Items;

/// <summary>Builds and reads attribute values; optional values are left out of an item rather than stored as NULL.</summary>
internal static class AttributeValues
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static void SetString(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    public static void SetTicks(Dictionary<string, AttributeValue> item, string name, DateTime? value)
    {
        if (value is { } time)
        {
            item[name] = N(time.Ticks);
        }
    }

    /// <exception cref="InvalidOperationException">The value is stored in chunks that were not read back into the item.</exception>
    public static string? GetString(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out AttributeValue? value) ? value.S
        : item.ContainsKey(name + ValueChunks.ReferenceSuffix)
            ? throw new InvalidOperationException($"The value '{name}' of a task hub item ({Describe(item)}) is stored in chunks, which were not read with it.")
            : null;

    public static string GetRequiredString(Dictionary<string, AttributeValue> item, string name) =>
        GetString(item, name) ?? throw new InvalidDataException($"A task hub item ({Describe(item)}) has no '{name}' attribute.");

    public static long GetLong(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out AttributeValue? value) && value.N is { } number
            ? long.Parse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
            : throw new InvalidDataException($"A task hub item ({Describe(item)}) has no numeric '{name}' attribute.");

    public static DateTime GetTime(Dictionary<string, AttributeValue> item, string name) => new(GetLong(item, name), DateTimeKind.Utc);

    public static DateTime? GetOptionalTime(Dictionary<string, AttributeValue> item, string name) =>
        item.ContainsKey(name) ? GetTime(item, name) : null;

    private static string Describe(Dictionary<string, AttributeValue> item) =>
        $"pk '{GetString(item, ItemNames.PartitionKey)}', sk '{GetString(item, ItemNames.SortKey)}'";
}
