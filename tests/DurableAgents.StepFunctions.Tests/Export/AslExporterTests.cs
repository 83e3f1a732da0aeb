using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.Export;

namespace DurableAgents.StepFunctions.Tests.Export;

public sealed class AslExporterTests
{
    /// <summary>Set to 1 to rewrite the golden files from the current exporter (then review the diff).</summary>
    private const string UpdateVariable = "DURABLEAGENTS_UPDATE_GOLDEN";

    public static TheoryData<string> Names => [.. ExportedWorkflows.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void ExportText_MatchesTheGoldenFile(string name)
    {
        string path = Path.Combine(SourceDirectory(), "Golden", $"{name}.asl.json");
        string actual = AslExporter.ExportText(ExportedWorkflows.All[name]) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with {UpdateVariable}=1 to write it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Export_SameDefinitionTwice_GivesTheSameText() =>
        Assert.Equal(AslExporter.ExportText(ExportedWorkflows.FanOut), AslExporter.ExportText(ExportedWorkflows.FanOut));

    [Fact]
    public void Export_WritesAslFieldsInAFixedOrder()
    {
        JsonObject state = AslExporter.Export(ExportedWorkflows.Greeting)["States"]!["Greet"]!.AsObject();

        Assert.Equal(["Type", "Resource", "TimeoutSeconds", "Parameters", "ResultPath", "Next"], state.Select(p => p.Key));
        Assert.Equal("${Activity_Greet}", state["Resource"]!.GetValue<string>());
    }

    [Fact]
    public void Export_AgentBuildsTheInvokeAgentRequestInParameters()
    {
        JsonNode summarise = AslExporter.Export(ExportedWorkflows.FanOut)["States"]!["Both"]!["Branches"]![0]!["States"]!["Summarise"]!;

        Assert.Equal("${InvokeAgentFunctionArn}", summarise["Resource"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"AgentName":"writer","Prompt.$":"States.Format('Summarise {}', $.topic)","Context.$":"States.JsonToString($)"}"""),
            summarise["Parameters"]));
    }

    [Fact]
    public void Export_ApprovalOrCompensation_IsRefusedNamingTheState()
    {
        WorkflowDefinition saga = new WorkflowBuilder("Saga").Activity("Reserve", "Reserve", s => s.CompensateWith("Release").End()).Build();

        var exception = Assert.Throws<NotSupportedException>(() => AslExporter.Export(saga));

        Assert.Contains("'Reserve' has a compensation", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ActivityResourceVariable_ReplacesCharactersThatCannotBeInAVariable() =>
        Assert.Equal("Activity_Send_Mail_v2", AslExporter.ActivityResourceVariable("Send-Mail.v2"));

    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
