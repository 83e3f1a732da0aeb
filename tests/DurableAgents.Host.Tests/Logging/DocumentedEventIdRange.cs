using System.Globalization;
using System.Text.RegularExpressions;

namespace DurableAgents.Host.Tests.Logging;

/// <summary>One row of the "Log event ids" table in the top README: the ids an assembly's log messages may use.</summary>
internal sealed partial record DocumentedEventIdRange(int First, int Last, string Assembly)
{
    public const string Heading = "## Log event ids";

    public bool Contains(int id) => id >= First && id <= Last;

    public bool Overlaps(DocumentedEventIdRange other) => First <= other.Last && other.First <= Last;

    public override string ToString() => $"{First}-{Last} ({Assembly})";

    /// <summary>The rows of the table under <see cref="Heading"/> in the markdown file at <paramref name="readmePath"/>.</summary>
    public static IReadOnlyList<DocumentedEventIdRange> Read(string readmePath)
    {
        string[] lines = File.ReadAllLines(readmePath);
        int start = Array.FindIndex(lines, line => line.Trim() == Heading);
        if (start < 0)
        {
            throw new InvalidOperationException($"{readmePath} has no '{Heading}' section.");
        }

        var ranges = new List<DocumentedEventIdRange>();
        foreach (string line in lines.Skip(start + 1).TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal)))
        {
            if (Row().Match(line) is { Success: true } row)
            {
                ranges.Add(new DocumentedEventIdRange(int.Parse(row.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture), row.Groups[3].Value));
            }
        }

        return ranges;
    }

    [GeneratedRegex(@"^\|\s*(\d+)\s*-\s*(\d+)\s*\|\s*`?([A-Za-z0-9.]+)`?\s*\|")]
    private static partial Regex Row();
}
