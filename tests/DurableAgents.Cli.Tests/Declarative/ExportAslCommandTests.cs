using System.Text.Json.Nodes;
using DurableAgents.Cli.Tests.Infrastructure;
using DurableAgents.StepFunctions.Export;
using DurableAgents.Workflows.Declarative;

namespace DurableAgents.Cli.Tests.Declarative;

/// <summary><c>export-asl</c> writes the shipped declarative workflows as ASL plus their CloudFormation templates, with no sidecar.</summary>
public sealed class ExportAslCommandTests
{
    [Fact]
    public async Task ExportAsl_WorkflowWithoutOut_WritesTheAslToStandardOutput()
    {
        CliResult result = await CliRunner.RunAsync("export-asl", "--workflow", "RefundSaga");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(AslExporter.ExportText(ShippedDeclarativeWorkflows.RefundSaga) + "\n", result.Output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task ExportAsl_WorkflowWithOut_WritesTheAslAndTheTemplateBesideIt()
    {
        using var directory = new TempDirectory("export-asl");
        string aslPath = directory.File("refunds.json");

        CliResult result = await CliRunner.RunAsync("export-asl", "--workflow", "RefundSaga", "--out", aslPath);

        Assert.True(result.ExitCode == 0, result.ToString());
        string asl = File.ReadAllText(aslPath);
        Assert.Equal(AslExporter.ExportText(ShippedDeclarativeWorkflows.RefundSaga) + "\n", asl);
        JsonNode template = JsonNode.Parse(File.ReadAllText(directory.File("RefundSaga.template.json")))!;
        Assert.Equal(asl.TrimEnd('\n'), template["Resources"]!["StateMachine"]!["Properties"]!["DefinitionString"]!.GetValue<string>());
        Assert.Contains(aslPath, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsl_All_WritesTheAslAndTheTemplateOfEveryWorkflow()
    {
        using var directory = new TempDirectory("export-asl");
        string target = Path.Combine(directory.Path, "out");

        CliResult result = await CliRunner.RunAsync("export-asl", "--all", "--out", target);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ShippedDeclarativeWorkflows.All.SelectMany(w => new[] { $"{w.Name}.asl.json", $"{w.Name}.template.json" }).Order(StringComparer.Ordinal),
            Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var workflow in ShippedDeclarativeWorkflows.All)
        {
            Assert.Equal(CloudFormationTemplate.CreateText(workflow) + "\n", File.ReadAllText(Path.Combine(target, $"{workflow.Name}.template.json")));
        }
    }

    [Fact]
    public async Task ExportAsl_UnknownWorkflow_ExitsTwoListingTheKnownOnes()
    {
        using var directory = new TempDirectory("export-asl");

        CliResult result = await CliRunner.RunAsync("export-asl", "--workflow", "Refunds", "--out", directory.File("x.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no declarative workflow is called 'Refunds'", result.Error, StringComparison.Ordinal);
        Assert.Contains("SupportTriage, RefundSaga, ResearchTeam", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Theory]
    [InlineData("pass either --workflow <name> or --all.", "export-asl")]
    [InlineData("--all needs --out <dir>: it writes two files per workflow.", "export-asl", "--all")]
    [InlineData("pass either --workflow <name> or --all.", "export-asl", "--all", "--workflow", "RefundSaga", "--out", "x")]
    public async Task ExportAsl_WithoutExactlyOneOfWorkflowAndAllOrAllWithoutOut_ExitsTwoSayingWhatToPass(string message, params string[] args)
    {
        CliResult result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsl_Bedrock_CallsTheAgentThroughInvokeModelWithTheModelFromTheSettings()
    {
        using var directory = new TempDirectory("export-asl");
        string settings = directory.File("appsettings.json");
        File.WriteAllText(settings, """
            {
              // comments are allowed, as in the host's appsettings.json
              "agents": { "Definitions": { "classifier": { "Model": "anthropic.claude-3-haiku-20240307-v1:0", "SystemPrompt": "Answer with one word.", "MaxTokens": 16, "Temperature": 0 } } }
            }
            """);

        CliResult result = await CliRunner.RunAsync("export-asl", "--workflow", "SupportTriage", "--bedrock", "classifier", "--settings", settings, "--out", directory.File("triage.asl.json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonNode classify = JsonNode.Parse(File.ReadAllText(directory.File("triage.asl.json")))!["States"]!["Classify"]!;
        Assert.Equal("arn:aws:states:::bedrock:invokeModel", classify["Resource"]!.GetValue<string>());
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", classify["Parameters"]!["ModelId"]!.GetValue<string>());
        Assert.Equal(16, classify["Parameters"]!["Body"]!["max_tokens"]!.GetValue<int>());
        Assert.Equal("Answer with one word.", classify["Parameters"]!["Body"]!["system"]!.GetValue<string>());
        string template = File.ReadAllText(directory.File("SupportTriage.template.json"));
        Assert.Contains("foundation-model/anthropic.claude-3-haiku-20240307-v1:0", template, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsl_BedrockAgentNotInTheSettings_ExitsTwoNamingTheAgentAndFile()
    {
        using var directory = new TempDirectory("export-asl");
        string settings = directory.File("appsettings.json");
        File.WriteAllText(settings, """{"Agents":{"Definitions":{}}}""");

        CliResult result = await CliRunner.RunAsync("export-asl", "--workflow", "SupportTriage", "--bedrock", "classifier", "--settings", settings);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the agent 'classifier' is not defined under Agents:Definitions in '{settings}'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsl_BedrockAsTheReadmeShowsWithTheRepositorysSettings_CallsTheAgentsThroughInvokeModel()
    {
        using var directory = new TempDirectory("export-asl");
        string settings = Path.Combine(RepositoryRoot(), "appsettings.json");

        CliResult result = await CliRunner.RunAsync(
            "export-asl", "--workflow", "ResearchTeam", "--bedrock", "researcher,synthesizer", "--settings", settings, "--out", directory.File("research.asl.json"));

        Assert.True(result.ExitCode == 0, result.ToString());
        string asl = File.ReadAllText(directory.File("research.asl.json"));
        Assert.Contains("arn:aws:states:::bedrock:invokeModel", asl, StringComparison.Ordinal);
        Assert.DoesNotContain("InvokeAgentFunctionArn", asl, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Classifier")]
    [InlineData("researcher")]
    public async Task ExportAsl_BedrockAgentTheWorkflowDoesNotCall_ExitsTwoNamingIt(string agent)
    {
        using var directory = new TempDirectory("export-asl");
        string settings = directory.File("appsettings.json");
        File.WriteAllText(settings, """{"Agents":{"Definitions":{""" + "\"" + agent + "\"" + """:{"Model":"anthropic.claude-3-haiku-20240307-v1:0"}}}}""");

        CliResult result = await CliRunner.RunAsync("export-asl", "--workflow", "SupportTriage", "--bedrock", agent, "--settings", settings, "--out", directory.File("x.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--bedrock names the agent '{agent}', which the exported workflows do not call", result.Error, StringComparison.Ordinal);
        Assert.Equal(["appsettings.json"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "DurableAgents.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"DurableAgents.sln was not found above {AppContext.BaseDirectory}.");
    }
}
