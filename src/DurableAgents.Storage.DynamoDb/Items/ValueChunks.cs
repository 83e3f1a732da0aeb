using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.DynamoDBv2.Model;
using static System.FormattableString;
using static DurableAgents.Storage.DynamoDb.Items.AttributeValues;

namespace DurableAgents.Storage.DynamoDb.Items;

/// <summary>
/// Values too large for their item (DynamoDB's 400 KB): the value moves into chunk items in its instance's partition (pk
/// <c>I#{instanceId}</c>, sk <c>V#{sha256}#{n:D4}</c>, the UTF-8 bytes in <c>v</c>), and the item keeps a reference in
/// <c>{name}@</c> (a map: chunk partition, hash, bytes, chunk count). Chunks are named by their content, so writing them
/// again is harmless and they can be written ahead of the commit that makes them reachable (see README "Large values").
/// </summary>
internal static class ValueChunks
{
    /// <summary>Bytes of a value per chunk: with its keys the chunk item stays under 400 KB for any instance id up to 40 KB.</summary>
    public const int ChunkBytes = 350 * 1024;

    /// <summary>The largest value the store takes, in UTF-8 bytes as stored (an event's value is its JSON, escapes included).</summary>
    public const int MaxValueBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Room an item keeps under DynamoDB's limit for what a split commit adds to it after it is built: the tags of an item
    /// written ahead (a token and an instance id of at most 100 characters) and the token on the instance row.
    /// </summary>
    public const int SplitTagReserve = 1024;

    /// <summary>What follows a value's attribute name when the item holds a reference to its chunks instead.</summary>
    public const string ReferenceSuffix = "@";

    private const string ChunkSortPrefix = "V#";
    private const string Data = "v";
    private const string RefPartition = "p";
    private const string RefHash = "h";
    private const string RefBytes = "b";
    private const string RefCount = "n";

    /// <summary>The attributes that hold user values (inputs, outputs, custom status, failure details, events); only these move out.</summary>
    private static readonly string[] Movable = ["in", "out", "cs", "fd", "ev"];

    /// <summary>
    /// Moves the item's largest values into chunks (added to <paramref name="chunks"/>) until the item fits DynamoDB's
    /// limit less <see cref="SplitTagReserve"/>. Returns null when it fits, else why it cannot: a value over <see cref="MaxValueBytes"/>, or an item still too
    /// large with every value moved out (then nothing is added to <paramref name="chunks"/>).
    /// </summary>
    public static string? MoveOutUntilFits(Dictionary<string, AttributeValue> item, string instanceId, List<Dictionary<string, AttributeValue>> chunks)
    {
        var moved = new List<Dictionary<string, AttributeValue>>();
        while (ItemSize.Of(item) > ItemSize.MaxItemBytes - SplitTagReserve)
        {
            string? largest = Movable
                .Where(name => item.TryGetValue(name, out AttributeValue? value) && value.S is not null)
                .MaxBy(name => item[name].S.Length);
            if (largest is null)
            {
                return Invariant($"is {ItemSize.Of(item)} bytes as a DynamoDB item even with its values stored apart; an item holds at most {ItemSize.MaxItemBytes} bytes, of which the store keeps {SplitTagReserve} for its own marks (its ids, name and tags are too large)");
            }

            byte[] bytes = Encoding.UTF8.GetBytes(item[largest].S);
            if (bytes.Length > MaxValueBytes)
            {
                return Invariant($"holds a value ('{largest}') of {bytes.Length} bytes; the DynamoDB store takes values up to {MaxValueBytes} bytes ({MaxValueBytes / (1024 * 1024)} MB, UTF-8 as stored)");
            }

            string partition = ItemNames.InstancePartition(instanceId);
            string hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
            int count = Math.Max(1, (bytes.Length + ChunkBytes - 1) / ChunkBytes);
            for (int n = 0; n < count; n++)
            {
                int offset = n * ChunkBytes;
                moved.Add(new Dictionary<string, AttributeValue>
                {
                    [ItemNames.PartitionKey] = S(partition),
                    [ItemNames.SortKey] = S(ChunkSort(hash, n)),
                    [Data] = new AttributeValue { B = new MemoryStream(bytes.AsSpan(offset, Math.Min(ChunkBytes, bytes.Length - offset)).ToArray()) },
                });
            }

            item.Remove(largest);
            item[largest + ReferenceSuffix] = new AttributeValue
            {
                M = new Dictionary<string, AttributeValue>
                {
                    [RefPartition] = S(partition),
                    [RefHash] = S(hash),
                    [RefBytes] = N(bytes.Length),
                    [RefCount] = N(count),
                },
            };
        }

        chunks.AddRange(moved);
        return null;
    }

    /// <summary>Whether the item holds a reference to chunks (then <see cref="Rejoin"/> needs them before the item is read).</summary>
    public static bool HasReferences(Dictionary<string, AttributeValue> item) => item.Keys.Any(IsReference);

    /// <summary>The keys of every chunk the item's references name.</summary>
    public static IEnumerable<Dictionary<string, AttributeValue>> ChunkKeys(Dictionary<string, AttributeValue> item)
    {
        foreach ((string name, AttributeValue value) in item)
        {
            if (IsReference(name))
            {
                (string partition, string hash, _, int count) = ReadReference(value);
                for (int n = 0; n < count; n++)
                {
                    yield return new Dictionary<string, AttributeValue>
                    {
                        [ItemNames.PartitionKey] = S(partition),
                        [ItemNames.SortKey] = S(ChunkSort(hash, n)),
                    };
                }
            }
        }
    }

    /// <summary>
    /// Puts each referenced value back into the item, from <paramref name="chunks"/> (keyed by <see cref="KeyText"/>),
    /// checking its length and hash.
    /// </summary>
    /// <exception cref="InvalidDataException">A chunk is missing or the joined bytes are not the value the reference names.</exception>
    public static void Rejoin(Dictionary<string, AttributeValue> item, IReadOnlyDictionary<string, Dictionary<string, AttributeValue>> chunks)
    {
        foreach (string reference in item.Keys.Where(IsReference).ToList())
        {
            (string partition, string hash, int bytes, int count) = ReadReference(item[reference]);
            string name = reference[..^ReferenceSuffix.Length];
            var joined = new MemoryStream(bytes);
            for (int n = 0; n < count; n++)
            {
                if (!chunks.TryGetValue(KeyText(partition, ChunkSort(hash, n)), out Dictionary<string, AttributeValue>? chunk) ||
                    !chunk.TryGetValue(Data, out AttributeValue? data) || data.B is null)
                {
                    throw new InvalidDataException(Invariant(
                        $"Chunk {n} of {count} of the value '{name}' of a task hub item (pk '{GetString(item, ItemNames.PartitionKey)}', sk '{GetString(item, ItemNames.SortKey)}') is missing from partition '{partition}': it was deleted outside the store, or by a purge of the instance that raced the write."));
                }

                data.B.Position = 0;
                data.B.CopyTo(joined);
            }

            byte[] value = joined.ToArray();
            if (value.Length != bytes || Convert.ToHexStringLower(SHA256.HashData(value)) != hash)
            {
                throw new InvalidDataException(Invariant(
                    $"The chunks of the value '{name}' of a task hub item (pk '{GetString(item, ItemNames.PartitionKey)}', sk '{GetString(item, ItemNames.SortKey)}') join to {value.Length} bytes that do not match the reference ({bytes} bytes, SHA-256 {hash})."));
            }

            item.Remove(reference);
            item[name] = S(Encoding.UTF8.GetString(value));
        }
    }

    /// <summary>A key as one string, to look chunks up by.</summary>
    public static string KeyText(Dictionary<string, AttributeValue> key) => KeyText(key[ItemNames.PartitionKey].S, key[ItemNames.SortKey].S);

    private static string KeyText(string partition, string sort) => partition + "\n" + sort;

    private static bool IsReference(string name) => name.EndsWith(ReferenceSuffix, StringComparison.Ordinal);

    private static string ChunkSort(string hash, int n) => ChunkSortPrefix + hash + "#" + n.ToString("D4", CultureInfo.InvariantCulture);

    private static (string Partition, string Hash, int Bytes, int Count) ReadReference(AttributeValue value)
    {
        Dictionary<string, AttributeValue> map = value.M ?? throw new InvalidDataException("A value reference of a task hub item is not a map.");
        return (GetRequiredString(map, RefPartition), GetRequiredString(map, RefHash), (int)GetLong(map, RefBytes), (int)GetLong(map, RefCount));
    }
}
