using System.Runtime.CompilerServices;
using DurableAgents.History;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// Where the golden histories live and how they are written and read: <see cref="HistoryJson"/> (the format
/// <c>durableagents history &lt;id&gt; --export</c> writes), stack traces removed.
/// </summary>
internal static class GoldenFiles
{
    /// <summary>Set to 1 to re-record every golden history of the shipped workflows and rewrite the committed files.</summary>
    public const string RecordVariable = "DURABLEAGENTS_RECORD_WORKFLOW_GOLDEN";

    public static bool Recording => Environment.GetEnvironmentVariable(RecordVariable) == "1";

    /// <summary>The committed files in the source tree (written when re-recording).</summary>
    public static string SourceDirectory([CallerFilePath] string callerFile = "") => Path.GetDirectoryName(callerFile)!;

    /// <summary>The copies next to the test assembly (read by the replay tests).</summary>
    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "Golden");

    public static IReadOnlyList<HistoryEvent> Load(string name) =>
        HistoryJson.DeserializeHistory(File.ReadAllText(Path.Combine(OutputDirectory, name + ".json")));

    /// <summary>The file text for a recorded history.</summary>
    public static string Format(IEnumerable<HistoryEvent> history) => HistoryJson.SerializeHistory(HistoryScrubber.WithoutStackTraces(history)) + "\n";

    public static Task WriteAsync(string name, IEnumerable<HistoryEvent> history) =>
        File.WriteAllTextAsync(Path.Combine(SourceDirectory(), name + ".json"), Format(history));
}
