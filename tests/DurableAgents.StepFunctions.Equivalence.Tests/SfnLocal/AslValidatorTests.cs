using System.Text.Json.Nodes;
using DurableAgents.Workflows.Declarative;

namespace DurableAgents.StepFunctions.Equivalence.Tests.SfnLocal;

/// <summary>
/// asl-validator (the npm package, run by Node 22 from tests/sfn-local) checks every exported document: the shipped
/// declarative workflows and the golden files of the StepFunctions tests, each with its substitution variables replaced
/// by Lambda ARNs as a CloudFormation deployment would. Any validation error fails the test with the validator's words.
/// </summary>
public sealed class AslValidatorTests
{
    [Fact]
    public async Task EveryExportedDocument_IsValidAsl()
    {
        using var folder = new DurableAgents.TestSupport.TempDirectory();
        var files = new List<(string Source, string File)>();
        foreach (WorkflowDefinition workflow in ShippedDeclarativeWorkflows.All)
        {
            files.Add(Write(folder, $"shipped {workflow.Name}", ExportedDocument.Deployable(workflow)));
        }

        string[] golden = Directory.GetFiles(Path.Combine(RepositoryRoot(), "tests", "DurableAgents.StepFunctions.Tests", "Export", "Golden"), "*.asl.json");
        Assert.NotEmpty(golden);
        foreach (string path in golden.Order(StringComparer.Ordinal))
        {
            files.Add(Write(folder, "StepFunctions.Tests " + Path.GetFileName(path), ExportedDocument.Substitute(File.ReadAllText(path))));
        }

        NodeRun run = await SfnLocalTools.RunScriptAsync("validate.mjs", files.Select(f => f.File), null, TimeSpan.FromMinutes(2));

        string[] lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == files.Count, $"asl-validator reported {lines.Length} of {files.Count} documents: {run}");
        var invalid = new List<string>();
        for (int i = 0; i < files.Count; i++)
        {
            JsonNode report = JsonNode.Parse(lines[i])!;
            if (!report["isValid"]!.GetValue<bool>())
            {
                invalid.Add($"{files[i].Source}: {string.Join("; ", report["errors"]!.AsArray().Select(e => e!.GetValue<string>()))}");
            }
        }

        Assert.True(invalid.Count == 0, "asl-validator found errors:\n" + string.Join("\n", invalid));
        Assert.Equal(0, run.ExitCode);
    }

    private static (string Source, string File) Write(DurableAgents.TestSupport.TempDirectory folder, string source, string text)
    {
        string file = folder.File($"doc-{Guid.NewGuid():N}.asl.json");
        File.WriteAllText(file, text);
        return (source, file);
    }

    private static string RepositoryRoot() => Path.GetFullPath(Path.Combine(SfnLocalTools.Directory, "..", ".."));
}
