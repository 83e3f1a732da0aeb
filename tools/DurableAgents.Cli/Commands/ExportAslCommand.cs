using System.CommandLine;
using System.Text.Json.Nodes;
using DurableAgents.Cli.Declarative;
using DurableAgents.Cli.Errors;
using DurableAgents.StepFunctions;
using DurableAgents.StepFunctions.Export;

namespace DurableAgents.Cli.Commands;

/// <summary>
/// <c>export-asl --workflow &lt;name&gt; [--out file]</c> and <c>export-asl --all --out &lt;dir&gt;</c>: writes declarative
/// workflows as Amazon States Language, with the CloudFormation template that deploys each beside it. Needs no sidecar.
/// </summary>
internal static class ExportAslCommand
{
    public static Command Create(CommandActions actions)
    {
        var workflow = new Option<string?>("--workflow") { Description = "The declarative workflow to export", HelpName = "name" };
        var all = new Option<bool>("--all") { Description = "Export every declarative workflow (needs --out <dir>)" };
        var output = new Option<string?>("--out")
        {
            Description = "With --workflow: the ASL file (the template goes beside it as <name>.template.json); without, the ASL goes to standard output. With --all: the directory",
            HelpName = "path",
        };
        var bedrock = new Option<string[]>("--bedrock")
        {
            Description = "Agents to call through bedrock:invokeModel instead of the InvokeAgent Lambda function (comma-separated or repeated; 'all' for every agent)",
            HelpName = "agents",
            AllowMultipleArgumentsPerToken = true,
        };
        var settings = new Option<string?>("--settings")
        {
            Description = $"The appsettings.json whose Agents:Definitions give the models for --bedrock [default: ./{AgentModelSettings.DefaultFile}]",
            HelpName = "file",
        };
        var command = new Command("export-asl", "Export declarative workflows as Amazon States Language plus a CloudFormation template (no sidecar needed)")
        {
            workflow, all, output, bedrock, settings,
        };
        actions.SetLocal(command, (parseResult, cliOutput) =>
        {
            string? name = parseResult.GetValue(workflow);
            bool everyWorkflow = parseResult.GetValue(all);
            string? outPath = parseResult.GetValue(output);
            if (everyWorkflow == (name is not null))
            {
                throw new CliUsageException("pass either --workflow <name> or --all.");
            }

            if (everyWorkflow && outPath is null)
            {
                throw new CliUsageException("--all needs --out <dir>: it writes two files per workflow.");
            }

            var catalog = new DeclarativeWorkflowCatalog(actions.Context.DeclarativeWorkflows);
            IReadOnlyList<WorkflowDefinition> workflows = everyWorkflow ? catalog.All : [catalog.Find(name!)];
            string[] bedrockAgents = [.. (parseResult.GetValue(bedrock) ?? []).SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
            AslExportOptions options = bedrockAgents.Length == 0
                ? AslExportOptions.Default
                : AgentModelSettings.Read(parseResult.GetValue(settings) ?? AgentModelSettings.DefaultFile, bedrockAgents, workflows);

            // Everything is exported before the first file is written, so a workflow that cannot be exported leaves no files.
            var files = new List<(string Path, string Text)>();
            foreach (WorkflowDefinition definition in workflows)
            {
                (string asl, string template) = Export(definition, options);
                if (outPath is null)
                {
                    TextWriter writer = cliOutput.Console.Profile.Out.Writer;
                    writer.Write(asl);
                    writer.Flush();
                    return ExitCodes.Success;
                }

                string aslPath = everyWorkflow ? Path.Combine(outPath, $"{definition.Name}.asl.json") : outPath;
                string directory = Path.GetDirectoryName(Path.GetFullPath(aslPath))!;
                files.Add((aslPath, asl));
                files.Add((Path.Combine(directory, $"{definition.Name}.template.json"), template));
            }

            foreach ((string path, string text) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
                File.WriteAllText(path, text);
            }

            if (cliOutput.Json)
            {
                cliOutput.WriteJson(new JsonObject { ["files"] = new JsonArray([.. files.Select(f => (JsonNode)Path.GetFullPath(f.Path))]) });
            }
            else
            {
                foreach ((string path, _) in files)
                {
                    cliOutput.WriteLine($"Wrote {path}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static (string Asl, string Template) Export(WorkflowDefinition definition, AslExportOptions options)
    {
        try
        {
            return (AslExporter.ExportText(definition, options) + "\n", CloudFormationTemplate.CreateText(definition, options) + "\n");
        }
        catch (NotSupportedException error)
        {
            throw new CliOperationException($"the workflow '{definition.Name}' cannot be exported: {error.Message}");
        }
    }
}
