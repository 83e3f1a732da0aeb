using System.Text;
using Amazon.DynamoDBv2.Model;

namespace DurableAgents.Storage.DynamoDb.Items;

/// <summary>An item's size as DynamoDB counts it against its 400 KB item and 4 MB transaction limits: names plus values in UTF-8.</summary>
internal static class ItemSize
{
    /// <summary>DynamoDB's largest item: 400 KB, counting attribute names and values.</summary>
    public const int MaxItemBytes = 400 * 1024;

    /// <summary>DynamoDB's largest transaction: 4 MB of items.</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    /// <summary>DynamoDB's most items in one transaction.</summary>
    public const int MaxTransactionItems = 100;

    /// <summary>Generous bytes for the key of a delete or a condition check, counted against the transaction's 4 MB.</summary>
    public const int KeyBytes = 1024;

    public static int Of(Dictionary<string, AttributeValue> item)
    {
        int bytes = 0;
        foreach ((string name, AttributeValue value) in item)
        {
            bytes += Encoding.UTF8.GetByteCount(name) + ValueBytes(value);
        }

        return bytes;
    }

    private static int ValueBytes(AttributeValue value)
    {
        if (value.S is { } text)
        {
            return Encoding.UTF8.GetByteCount(text);
        }

        if (value.B is { } binary)
        {
            return (int)binary.Length;
        }

        if (value.M is { } map)
        {
            // A map costs 3 bytes plus 1 per element besides its names and values.
            return 3 + map.Sum(entry => Encoding.UTF8.GetByteCount(entry.Key) + 1 + ValueBytes(entry.Value));
        }

        // Numbers take about one byte per two digits plus one; counting one per character errs on the safe side.
        return value.N?.Length ?? 1;
    }
}
