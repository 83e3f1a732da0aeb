using DurableAgents.StepFunctions.Export;
using DurableAgents.Workflows.Declarative;

namespace DurableAgents.StepFunctions.Equivalence.Tests.Golden;

/// <summary>
/// The ASL each shipped declarative workflow exports to, pinned in Golden/*.asl.json like the StepFunctions tests' own
/// definitions: a change to a workflow or to the exporter shows up as a reviewed diff.
/// </summary>
public sealed class ShippedWorkflowGoldenTests
{
    /// <summary>Set to 1 to rewrite the golden files from the current exporter (then review the diff).</summary>
    private const string UpdateVariable = "DURABLEAGENTS_UPDATE_GOLDEN";

    public static TheoryData<string> Names => [.. ShippedDeclarativeWorkflows.All.Select(w => w.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void ExportText_MatchesTheGoldenFile(string name)
    {
        string path = GoldenPath(name);
        string actual = AslExporter.ExportText(ShippedDeclarativeWorkflows.All.Single(w => w.Name == name)) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with {UpdateVariable}=1 to write it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    /// <summary>The golden file of a shipped workflow, in the source tree (not the build output), so updates land in git.</summary>
    public static string GoldenPath(string name) => Path.Combine(SourceDirectory(), $"{name}.asl.json");

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
