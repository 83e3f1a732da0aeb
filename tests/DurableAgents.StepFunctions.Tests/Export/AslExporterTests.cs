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
    public void Export_Approval_WaitsForATaskTokenWithTheApprovalsTimeoutThenChoosesByOutcome()
    {
        JsonNode states = AslExporter.Export(ExportedWorkflows.Review)["States"]!;
        JsonNode task = states["Approve"]!;

        Assert.Equal("arn:aws:states:::lambda:invoke.waitForTaskToken", task["Resource"]!.GetValue<string>());
        Assert.Equal(3 * 24 * 3600, task["TimeoutSeconds"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"FunctionName":"${ApprovalFunctionArn}","Payload":{"TaskToken.$":"$$.Task.Token","ApprovalName":"publish-article","Details.$":"$.draft.text","ExecutionId.$":"$$.Execution.Id"}}"""),
            task["Parameters"]));
        Assert.Equal("$.approval", task["ResultPath"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"ErrorEquals":["States.Timeout"],"ResultPath":null,"Next":"Approve timed out"}]"""), task["Catch"]));
        Assert.Equal("Approve decision", task["Next"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"Type":"Choice","Choices":[
                  {"Variable":"$.approval.outcome","StringEquals":"Approved","Next":"Publish (keep input)"},
                  {"Variable":"$.approval.outcome","StringEquals":"Rejected","Next":"Rejected"},
                  {"Variable":"$.approval.outcome","StringEquals":"TimedOut","Next":"Rejected"}]}
                """),
            states["Approve decision"]));
    }

    [Fact]
    public void Export_ApprovalTimeout_PlacesTheInterpretersTimedOutResultAtTheResultPath()
    {
        JsonNode timedOut = AslExporter.Export(ExportedWorkflows.Review)["States"]!["Approve timed out"]!;

        // The interpreter's time-out result (Execution/ApprovalAdapter.cs): no approver or comment, decided at the time-out.
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"Type":"Pass","Parameters":{"outcome":"TimedOut","approver":null,"comment":null,"decidedAt.$":"$$.State.EnteredTime"},
                 "ResultPath":"$.approval","Next":"Rejected"}
                """),
            timedOut));
    }

    [Fact]
    public void Export_ApprovalThatDiscardsItsResult_IsRefusedNamingTheState()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Discard")
            .Approval("Ask", "ask", TimeSpan.FromHours(1), a => a.ResultPath(null).OnApproved("Done").OnRejected("Done").OnTimedOut("Done"))
            .Succeed("Done")
            .Build();

        var exception = Assert.Throws<NotSupportedException>(() => AslExporter.Export(definition));

        Assert.Contains("'Ask' has ResultPath null", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_ApprovalWhoseDecisionStateNameIsTaken_IsRefusedNamingBoth()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Taken")
            .Approval("Ask", "ask", TimeSpan.FromHours(1), a => a.OnApproved("Ask decision").OnRejected("Done").OnTimedOut("Done"))
            .Pass("Ask decision", s => s.Next("Done"))
            .Succeed("Done")
            .Build();

        var exception = Assert.Throws<NotSupportedException>(() => AslExporter.Export(definition));

        Assert.Contains("The approval 'Ask' needs a state named 'Ask decision', which the workflow already uses", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_ApprovalWhoseGeneratedStateNameIsOver80Characters_IsRefused()
    {
        string name = new('A', 75);
        WorkflowDefinition definition = new WorkflowBuilder("Long")
            .Approval(name, "ask", TimeSpan.FromHours(1), a => a.OnApproved("Done").OnRejected("Done").OnTimedOut("Done"))
            .Succeed("Done")
            .Build();

        var exception = Assert.Throws<NotSupportedException>(() => AslExporter.Export(definition));

        Assert.Contains($"needs a state named '{name} decision', longer than ASL's 80 characters", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_Compensation_RunsTheStatesAfterTheStepInAScopeThatCompensatesAndRaisesTheErrorAgain()
    {
        JsonNode states = AslExporter.Export(ExportedWorkflows.Saga)["States"]!;

        Assert.Equal(["Reserve (keep input)", "Reserve", "After Reserve", "Compensate Reserve", "Compensated Reserve"], states.AsObject().Select(p => p.Key));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"input.$":"$","keep.$":"$"}"""), states["Reserve (keep input)"]!["Parameters"]));
        Assert.Equal("$.input.order", states["Reserve"]!["InputPath"]!.GetValue<string>());
        Assert.Equal("$.input.reservation", states["Reserve"]!["ResultPath"]!.GetValue<string>());
        JsonNode after = states["After Reserve"]!;
        Assert.Equal("$.input", after["InputPath"]!.GetValue<string>());
        Assert.Equal("$[0]", after["OutputPath"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Compensate Reserve"}]"""), after["Catch"]));
        // The compensation gets the step's effective input again: its InputPath over the kept raw input.
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"Type":"Task","Resource":"${Activity_Release}","InputPath":"$.keep.order","ResultPath":null,"Next":"Compensated Reserve"}"""),
            states["Compensate Reserve"]));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"Type":"Fail","ErrorPath":"$.error.Error","CausePath":"$.error.Cause"}"""), states["Compensated Reserve"]));
    }

    [Fact]
    public void Export_NestedCompensations_UndoTheLaterStepFirstThenRaiseToTheOuterScope()
    {
        JsonNode inner = AslExporter.Export(ExportedWorkflows.Saga)["States"]!["After Reserve"]!["Branches"]![0]!;
        JsonNode innerStates = inner["States"]!;

        Assert.Equal("Charge (keep input)", inner["StartAt"]!.GetValue<string>());
        Assert.Equal(["Charge (keep input)", "Charge", "After Charge", "Compensate Charge", "Compensated Charge"], innerStates.AsObject().Select(p => p.Key));
        // Retries of the step itself still happen before anything is compensated.
        Assert.Equal(2, innerStates["Charge"]!["Retry"]![0]!["MaxAttempts"]!.GetValue<int>());
        // The step's OutputPath moves to the scope's InputPath, so the kept input survives the step.
        Assert.Null(innerStates["Charge"]!["OutputPath"]);
        Assert.Equal("$.input.payment", innerStates["After Charge"]!["InputPath"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"amount.$":"$.order.amount"}"""), innerStates["Compensate Charge"]!["Parameters"]));
        Assert.Equal("$.keep", innerStates["Compensate Charge"]!["InputPath"]!.GetValue<string>());
        // The Fail state after both steps is inside both scopes, so reaching it compensates both.
        Assert.Equal(["Check", "Ship", "Declined"], innerStates["After Charge"]!["Branches"]![0]!["States"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Export_CatcherOfACompensableStep_UnwrapsTheDataBeforeItsTarget()
    {
        JsonNode states = AslExporter.Export(ExportedWorkflows.Review)["States"]!;

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"ErrorEquals":["States.ALL"],"ResultPath":"$.input.error","Next":"Publish catch 1"}]"""), states["Publish"]!["Catch"]));
        Assert.Equal("$.input", states["Publish catch 1"]!["InputPath"]!.GetValue<string>());
        Assert.Equal("Rejected", states["Publish catch 1"]!["Next"]!.GetValue<string>());
    }

    [Fact]
    public void Export_StateThatJumpsPastACompensableStepIntoItsScope_IsRefusedNamingBoth()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Skip")
            .Choice("Decide", c => c.When(Condition.IsPresent("$.skip"), "Ship").Otherwise("Reserve"))
            .Activity("Reserve", "Reserve", s => s.CompensateWith("Release").Next("Ship"))
            .Activity("Ship", "Ship", s => s.End())
            .Build();

        var exception = Assert.Throws<NotSupportedException>(() => AslExporter.Export(definition));

        Assert.Contains("'Decide' goes to 'Ship' without passing through 'Reserve'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_CompensableStepInALoop_IsRefused()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Loop")
            .Activity("Reserve", "Reserve", s => s.CompensateWith("Release").Next("Again"))
            .Choice("Again", c => c.When(Condition.IsPresent("$.more"), "Reserve").Otherwise("Done"))
            .Succeed("Done")
            .Build();

        var exception = Assert.Throws<NotSupportedException>(() => AslExporter.Export(definition));

        Assert.Contains("'Reserve' can run again after it completed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_CompensationInsideAParallelBranch_IsRefusedNamingTheState()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Branches")
            .Parallel("Both", p => p
                .Branch(b => b.Activity("Reserve", "Reserve", s => s.CompensateWith("Release").End()))
                .Branch(b => b.Succeed("Nothing"))
                .End())
            .Build();

        var exception = Assert.Throws<NotSupportedException>(() => AslExporter.Export(definition));

        Assert.Contains("'Reserve' in a branch of the Parallel state 'Both' has a compensation", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_CompensableStepThatEndsTheWorkflow_IsWrittenAsAPlainTask()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Last").Activity("Reserve", "Reserve", s => s.CompensateWith("Release").End()).Build();

        JsonNode states = AslExporter.Export(definition)["States"]!;

        Assert.Equal(["Reserve"], states.AsObject().Select(p => p.Key));
    }

    private static readonly AslExportOptions WriterOnBedrock = new()
    {
        BedrockAgents = new Dictionary<string, BedrockAgentModel>
        {
            ["writer"] = new("anthropic.claude-3-haiku-20240307-v1:0") { SystemPrompt = "You write.", MaxTokens = 512, Temperature = 0.2 },
        },
        AgentResultFieldNames = AgentResultFieldNames.DotNet,
    };

    [Fact]
    public void ExportText_AgentOnBedrock_MatchesTheGoldenFile()
    {
        string path = Path.Combine(SourceDirectory(), "Golden", "Review.bedrock.asl.json");
        string actual = AslExporter.ExportText(ExportedWorkflows.Review, WriterOnBedrock) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Export_AgentOnBedrock_SendsTheAnthropicMessagesRequestTheActivityWouldSend()
    {
        JsonNode draft = AslExporter.Export(ExportedWorkflows.Review, WriterOnBedrock)["States"]!["Draft"]!;

        Assert.Equal("arn:aws:states:::bedrock:invokeModel", draft["Resource"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"ModelId":"anthropic.claude-3-haiku-20240307-v1:0",
                 "Body":{"anthropic_version":"bedrock-2023-05-31","max_tokens":512,"system":"You write.","temperature":0.2,
                   "messages":[{"role":"user","content":[{"type":"text",
                     "text.$":"States.Format('Context:\n{}\n\nTask:\n{}', States.JsonToString($), States.Format('Write about {}', $.topic))"}]}]}}
                """),
            draft["Parameters"]));
    }

    [Fact]
    public void Export_AgentOnBedrock_ReadsTheStatesResultSelectorThroughTheResponse()
    {
        JsonNode draft = AslExporter.Export(ExportedWorkflows.Review, WriterOnBedrock)["States"]!["Draft"]!;

        // The state's own {"text.$":"$.Text"} reads the agent result's Text, which is the response's first content block.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"text.$":"$.Body.content[0].text"}"""), draft["ResultSelector"]));
    }

    [Fact]
    public void Export_AgentOnBedrockWithoutResultSelector_GivesTheAgentResultFieldsInCamelCase()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Ask").Agent("Ask", "writer", prompt: "Say {hi}", configure: s => s.End()).Build();
        var options = WriterOnBedrock with { AgentResultFieldNames = AgentResultFieldNames.CamelCase };

        JsonNode ask = AslExporter.Export(definition, options)["States"]!["Ask"]!;

        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""
                {"agentName":"writer","text.$":"$.Body.content[0].text","provider":"Bedrock","model":"anthropic.claude-3-haiku-20240307-v1:0",
                 "inputTokens.$":"$.Body.usage.input_tokens","outputTokens.$":"$.Body.usage.output_tokens","finishReason.$":"$.Body.stop_reason"}
                """),
            ask["ResultSelector"]));
        // A literal prompt is quoted with ASL's escapes for intrinsic string arguments.
        Assert.EndsWith(", 'Say \\{hi\\}')", ask["Parameters"]!["Body"]!["messages"]![0]!["content"]![0]!["text.$"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Export_AgentOnBedrockWithANonAnthropicModel_IsRefusedNamingTheAgentAndModel()
    {
        var options = new AslExportOptions { BedrockAgents = new Dictionary<string, BedrockAgentModel> { ["writer"] = new("amazon.titan-text-express-v1") } };

        var exception = Assert.Throws<NotSupportedException>(() => AslExporter.Export(ExportedWorkflows.Review, options));

        Assert.Contains("agent 'writer' of the state 'Draft' uses the model 'amazon.titan-text-express-v1'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_AgentOnBedrockWhoseResultSelectorReadsAFieldBedrockLacks_IsRefused()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Cost")
            .Agent("Ask", "writer", prompt: "hi", configure: s => s.ResultSelector("""{"cost.$":"$.Cost"}""").End())
            .Build();

        var exception = Assert.Throws<NotSupportedException>(() => AslExporter.Export(definition, WriterOnBedrock));

        Assert.Contains("reads '$.Cost'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ActivityResourceVariable_ReplacesCharactersThatCannotBeInAVariable() =>
        Assert.Equal("Activity_Send_Mail_v2", AslExporter.ActivityResourceVariable("Send-Mail.v2"));

    private static string SourceDirectory([CallerFilePath] string file = "") => Path.GetDirectoryName(file)!;
}
