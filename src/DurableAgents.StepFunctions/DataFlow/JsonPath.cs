using System.Globalization;
using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>
/// The JSONPath subset ASL definitions use: <c>$</c> (the input) or <c>$$</c> (the context object) followed by members
/// (<c>.name</c>, <c>['name']</c>), array indexes (<c>[0]</c>, <c>[-1]</c> from the end) and wildcards (<c>.*</c>,
/// <c>[*]</c>). A path without wildcards is a <em>reference path</em>, which ASL requires where a single node is
/// addressed (ResultPath, a Choice's Variable, ItemsPath). Deep scan, filters and slices are refused when parsed, so a
/// definition that uses them fails when it is built.
/// </summary>
public sealed class JsonPath
{
    private readonly IReadOnlyList<JsonPathSegment> _segments;

    private JsonPath(string text, bool isContextPath, IReadOnlyList<JsonPathSegment> segments)
    {
        Text = text;
        IsContextPath = isContextPath;
        _segments = segments;
    }

    /// <summary>The path as written.</summary>
    public string Text { get; }

    /// <summary>True when the path starts with <c>$$</c> and reads the context object.</summary>
    public bool IsContextPath { get; }

    /// <summary>True when the path addresses at most one node (no wildcards).</summary>
    public bool IsReferencePath => _segments.All(s => !s.IsWildcard);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static JsonPath Parse(string text) =>
        TryParse(text, out JsonPath? path, out string? error) ? path : throw new FormatException(error);

    /// <summary>Parses <paramref name="text"/>, or says why it is not a path ASL accepts.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JsonPath? path,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        path = null;
        if (string.IsNullOrEmpty(text) || text[0] != '$')
        {
            error = $"the path '{text}' must start with '$' (the input) or '$$' (the context object)";
            return false;
        }

        bool context = text.StartsWith("$$", StringComparison.Ordinal);
        int i = context ? 2 : 1;
        var segments = new List<JsonPathSegment>();
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                if (i + 1 < text.Length && text[i + 1] == '.')
                {
                    error = $"the path '{text}' uses deep scan ('..'), which is not supported";
                    return false;
                }

                int start = ++i;
                while (i < text.Length && text[i] is not ('.' or '['))
                {
                    i++;
                }

                string name = text[start..i];
                if (name.Length == 0)
                {
                    error = $"the path '{text}' has an empty member name at position {start}";
                    return false;
                }

                segments.Add(name == "*" ? JsonPathSegment.Wildcard : new JsonPathSegment(name, null));
            }
            else if (text[i] == '[')
            {
                int close = FindClose(text, i);
                if (close < 0)
                {
                    error = $"the path '{text}' has a '[' at position {i} without a matching ']'";
                    return false;
                }

                string inside = text[(i + 1)..close];
                if (inside == "*")
                {
                    segments.Add(JsonPathSegment.Wildcard);
                }
                else if (inside.Length >= 2 && inside[0] is '\'' or '"' && inside[^1] == inside[0])
                {
                    segments.Add(new JsonPathSegment(inside[1..^1], null));
                }
                else if (int.TryParse(inside, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int index))
                {
                    segments.Add(new JsonPathSegment(null, index));
                }
                else
                {
                    error = $"the path '{text}' has '[{inside}]', which is not a quoted name, an index or '*' (filters and slices are not supported)";
                    return false;
                }

                i = close + 1;
            }
            else
            {
                error = $"the path '{text}' has '{text[i]}' at position {i} where '.' or '[' was expected";
                return false;
            }
        }

        path = new JsonPath(text, context, segments);
        error = null;
        return true;
    }

    /// <summary>
    /// The value the path selects in <paramref name="root"/>: for a reference path the node itself (found is false when
    /// it does not exist), for a path with wildcards an array of every match (always found).
    /// </summary>
    public bool TrySelect(JsonNode? root, out JsonNode? value)
    {
        if (IsReferencePath)
        {
            JsonNode? current = root;
            foreach (JsonPathSegment segment in _segments)
            {
                if (!TryStep(current, segment, out current))
                {
                    value = null;
                    return false;
                }
            }

            value = current?.DeepClone();
            return true;
        }

        IEnumerable<JsonNode?> matches = [root];
        foreach (JsonPathSegment segment in _segments)
        {
            matches = matches.SelectMany(node => Expand(node, segment)).ToList();
        }

        value = new JsonArray([.. matches.Select(m => m?.DeepClone())]);
        return true;
    }

    /// <summary>
    /// A copy of <paramref name="root"/> with <paramref name="value"/> at this reference path, creating the objects on the
    /// way that do not exist (ASL's ResultPath). Throws <see cref="StatesErrorException"/> (States.ResultPathMatchFailure)
    /// when the path runs into a value that is not an object or an index that does not exist.
    /// </summary>
    public JsonNode? SetIn(JsonNode? root, JsonNode? value)
    {
        if (_segments.Count == 0)
        {
            return value?.DeepClone();
        }

        JsonNode copy = root?.DeepClone() ?? throw ResultPathFailure("the input is null");
        JsonNode current = copy;
        for (int i = 0; i < _segments.Count; i++)
        {
            JsonPathSegment segment = _segments[i];
            bool last = i == _segments.Count - 1;
            if (segment.Member is { } member && current is JsonObject obj)
            {
                if (last)
                {
                    obj[member] = value?.DeepClone();
                    break;
                }

                if (obj[member] is not JsonNode next)
                {
                    next = new JsonObject();
                    obj[member] = next;
                }

                current = next;
            }
            else if (segment.Index is int index && current is JsonArray array && Normalize(index, array.Count) is int at)
            {
                if (last)
                {
                    array[at] = value?.DeepClone();
                    break;
                }

                current = array[at] ?? throw ResultPathFailure($"the value at step {i + 1} is null");
            }
            else
            {
                throw ResultPathFailure($"step {i + 1} cannot be applied to a {current.GetValueKind()} value");
            }
        }

        return copy;
    }

    /// <inheritdoc/>
    public override string ToString() => Text;

    private StatesErrorException ResultPathFailure(string why) =>
        new(StatesErrorNames.ResultPathMatchFailure, $"Unable to apply ResultPath '{Text}' to the input: {why}.");

    private static bool TryStep(JsonNode? node, JsonPathSegment segment, out JsonNode? next)
    {
        next = null;
        if (segment.Member is { } member && node is JsonObject obj)
        {
            return obj.TryGetPropertyValue(member, out next);
        }

        if (segment.Index is int index && node is JsonArray array && Normalize(index, array.Count) is int at)
        {
            next = array[at];
            return true;
        }

        return false;
    }

    private static IEnumerable<JsonNode?> Expand(JsonNode? node, JsonPathSegment segment)
    {
        if (segment.IsWildcard)
        {
            return node switch
            {
                JsonObject obj => obj.Select(p => p.Value),
                JsonArray array => array,
                _ => [],
            };
        }

        return TryStep(node, segment, out JsonNode? next) ? [next] : [];
    }

    private static int? Normalize(int index, int count)
    {
        int at = index < 0 ? count + index : index;
        return at >= 0 && at < count ? at : null;
    }

    private static int FindClose(string text, int open)
    {
        char? quote = null;
        for (int i = open + 1; i < text.Length; i++)
        {
            char c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == ']')
            {
                return i;
            }
        }

        return -1;
    }
}
