using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.Export;

namespace DurableAgents.StepFunctions.Tests.Export;

public sealed class CloudFormationTemplateTests
{
    private const string UpdateVariable = "DURABLEAGENTS_UPDATE_GOLDEN";

    private static readonly AslExportOptions WriterOnBedrock = new()
    {
        BedrockAgents = new Dictionary<string, BedrockAgentModel> { ["writer"] = new("anthropic.claude-3-haiku-20240307-v1:0") },
        // The test definitions' ResultSelectors read the .NET names ($.Text).
        AgentResultFieldNames = AgentResultFieldNames.DotNet,
    };

    public static TheoryData<string> Names => [.. ExportedWorkflows.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void CreateText_MatchesTheGoldenFile(string name)
    {
        string path = Path.Combine(SourceDirectory(), "Golden", $"{name}.template.json");
        string actual = CloudFormationTemplate.CreateText(ExportedWorkflows.All[name]) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with {UpdateVariable}=1 to write it.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Create_EveryAslVariableHasASubstitutionAndEveryParameterIsUsed(string name)
    {
        JsonObject template = CloudFormationTemplate.Create(ExportedWorkflows.All[name]);
        JsonNode machine = template["Resources"]!["StateMachine"]!["Properties"]!;
        string asl = machine["DefinitionString"]!.GetValue<string>();

        // These workflows hold no "${" in their data, so every "${...}" in the text is a variable the exporter wrote: a
        // plain scan is an oracle independent of the template's own walk over the states.
        IReadOnlyList<string> variables = [.. System.Text.RegularExpressions.Regex.Matches(asl, @"\$\{([A-Za-z0-9_]+)\}")
            .Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];
        Assert.Equal(variables, CloudFormationTemplate.SubstitutionVariables(asl));
        var substitutions = machine["DefinitionSubstitutions"]?.AsObject() ?? [];
        var parameters = template["Parameters"]?.AsObject() ?? [];

        Assert.Equal(variables.Order(StringComparer.Ordinal), substitutions.Select(p => p.Key).Order(StringComparer.Ordinal));
        // Each parameter is referenced by a substitution (and nothing else supplies a variable).
        Assert.Equal(
            parameters.Select(p => p.Key).Order(StringComparer.Ordinal),
            substitutions.Select(p => p.Value!["Ref"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal(AslExporter.ExportText(ExportedWorkflows.All[name]), asl);
    }

    [Fact]
    public void Create_DollarBracesInStateDataAreNotTemplateParameters()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Literal")
            .Pass("Note", s => s.Result(JsonNode.Parse("""{"template":"${NotAVariable}","whole":"${AlsoNot}"}""")).ResultPath("$.note").Next("Shape"))
            .Pass("Shape", s => s.Parameters("""{"text":"cost: ${Literal}","topic.$":"$.topic"}""").Next("Ask"))
            .Agent("Ask", "writer", promptPath: "$.topic", configure: s => s.Next("Save"))
            .Activity("Save", "SaveDraft", s => s.End())
            .Build();

        JsonObject template = CloudFormationTemplate.Create(definition);

        JsonObject substitutions = template["Resources"]!["StateMachine"]!["Properties"]!["DefinitionSubstitutions"]!.AsObject();
        Assert.Equal(
            new[] { AslExporter.InvokeAgentFunctionVariable, AslExporter.ActivityResourceVariable("SaveDraft") }.Order(StringComparer.Ordinal),
            substitutions.Select(p => p.Key).Order(StringComparer.Ordinal));
        string asl = template["Resources"]!["StateMachine"]!["Properties"]!["DefinitionString"]!.GetValue<string>();
        Assert.Contains("${NotAVariable}", asl, StringComparison.Ordinal);
        Assert.Contains("${Literal}", asl, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LeavesTheStateMachineNameToCloudFormation()
    {
        JsonObject template = CloudFormationTemplate.Create(ExportedWorkflows.Review);

        JsonObject machine = template["Resources"]!["StateMachine"]!["Properties"]!.AsObject();

        Assert.False(machine.ContainsKey("StateMachineName"), "a fixed name allows one stack per account and region and blocks replacement updates");
    }

    [Fact]
    public void Create_RoleMayInvokeExactlyTheWorkflowsFunctions()
    {
        JsonObject template = CloudFormationTemplate.Create(ExportedWorkflows.Review);

        JsonNode statements = template["Resources"]!["StateMachineRole"]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!;

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                [{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":[
                  {"Ref":"InvokeAgentFunctionArn"},{"Ref":"ApprovalFunctionArn"},{"Ref":"ActivityPublishArticle"},
                  {"Ref":"ActivityAnnounce"},{"Ref":"ActivityUnpublishArticle"}]}]
                """),
            statements));
    }

    [Fact]
    public void Create_AgentOnBedrock_AllowsInvokeModelOnItsFoundationModelOnly()
    {
        JsonObject template = CloudFormationTemplate.Create(ExportedWorkflows.Review, WriterOnBedrock);

        JsonNode statements = template["Resources"]!["StateMachineRole"]!["Properties"]!["Policies"]![0]!["PolicyDocument"]!["Statement"]!;

        Assert.Equal(2, statements.AsArray().Count);
        Assert.DoesNotContain("InvokeAgentFunctionArn", statements[0]!.ToJsonString(), StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"Effect":"Allow","Action":"bedrock:InvokeModel","Resource":[
                  {"Fn::Sub":"arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"}]}
                """),
            statements[1]));
    }

    [Fact]
    public void Create_WorkflowWithoutTasks_HasNoParametersAndARoleWithoutPolicies()
    {
        JsonObject template = CloudFormationTemplate.Create(ExportedWorkflows.Routing);

        Assert.Null(template["Parameters"]);
        Assert.Null(template["Resources"]!["StateMachineRole"]!["Properties"]!["Policies"]);
        Assert.Null(template["Resources"]!["StateMachine"]!["Properties"]!["DefinitionSubstitutions"]);
    }

    [Fact]
    public void ParameterName_KeepsOnlyLettersAndDigits() =>
        Assert.Equal("ActivitySendMailv2", CloudFormationTemplate.ParameterName("Activity_Send_Mail_v2"));

    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
