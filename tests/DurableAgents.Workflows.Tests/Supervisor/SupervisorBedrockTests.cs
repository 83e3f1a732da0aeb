using System.Text.Json;
using Amazon.Runtime;
using DurableAgents.Budgets;
using DurableAgents.History;
using DurableAgents.TestSupport;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Tests.Infrastructure;

namespace DurableAgents.Workflows.Tests.Supervisor;

/// <summary>The supervisor with every agent on the Bedrock provider, against a SigV4-verifying Converse endpoint on loopback.</summary>
public sealed class SupervisorBedrockTests : IAsyncLifetime
{
    private FakeBedrockServer _bedrock = null!;

    public async Task InitializeAsync()
    {
        _bedrock = await FakeBedrockServer.StartAsync();

        // Answer by who is asking: the planner's system prompt asks for a plan, the synthesizer's asks to merge.
        _bedrock.Responder = request =>
        {
            string system = request.Json.GetProperty("system")[0].GetProperty("text").GetString()!;
            string user = request.Json.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString()!;
            if (system.StartsWith("You plan work", StringComparison.Ordinal))
            {
                return FakeBedrockServer.Answer(Plans.FanOut, inputTokens: 300, outputTokens: 120);
            }

            return system.StartsWith("You merge", StringComparison.Ordinal)
                ? FakeBedrockServer.Answer("MERGED: AWS, Azure and Google Cloud compared.", inputTokens: 500, outputTokens: 60)
                : FakeBedrockServer.Answer("FINDINGS for " + user[(user.LastIndexOf(':') + 1)..].Trim(), inputTokens: 80, outputTokens: 40);
        };
    }

    public async Task DisposeAsync() => await _bedrock.DisposeAsync();

    [Fact]
    public async Task RunAsync_AgentsOnBedrock_SignedConverseCallsOnePerInvokeAgentWithCorrelationIds()
    {
        await using WorkflowHost host = WorkflowHost.Start(s =>
        {
            s.Settings["Agents:Provider"] = "Bedrock";
            s.Settings["Agents:Bedrock:Region"] = FakeBedrockServer.Region;
            s.Settings["Agents:Bedrock:Endpoint"] = _bedrock.Endpoint.ToString();
            s.Settings["Agents:Bedrock:Retry:MaxAttempts"] = "1";
            s.BedrockCredentials = new BasicAWSCredentials(FakeBedrockServer.AccessKey, FakeBedrockServer.SecretKey);
        });

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, SupervisorWorkflow.OrchestratorName,
            new SupervisorRequest("Compare AWS, Azure and Google Cloud for AI") { Budget = new WorkflowBudget(100000, 5m) });

        SupervisorReport report = done.Output<SupervisorReport>();
        Assert.Equal("MERGED: AWS, Azure and Google Cloud compared.", report.Answer);
        Assert.Equal(["aws", "azure", "gcp", "compare"], report.Subtasks.Select(s => s.Id));
        Assert.Equal("FINDINGS for Research AWS AI services", report.Subtasks[0].Result);
        Assert.Equal(300 + 120 + (3 * 120) + 120 + 560, report.TotalTokens);

        IReadOnlyList<ReceivedRequest> requests = _bedrock.Requests;
        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        IReadOnlyList<TaskScheduledEvent> calls = history.AgentCalls();
        Assert.Equal(calls.Count, requests.Count);
        Assert.Equal(calls.Count, host.Models.TotalCalls);
        Assert.All(requests, r => Assert.True(r.SignatureValid, r.SignatureError));
        Assert.Equal(
            calls.Select(c => $"{done.InstanceId}:{c.EventId}").Order(StringComparer.Ordinal),
            requests.Select(r => r.Header("x-correlation-id")!).Order(StringComparer.Ordinal));

        // Each agent's model id is in the path; the planner (a model, not Offline) got the format and capabilities.
        Assert.Equal(3, requests.Count(r => r.RawTarget.Contains("anthropic.claude-3-haiku-20240307-v1", StringComparison.Ordinal)));
        Assert.Equal(3, requests.Count(r => r.RawTarget.Contains("anthropic.claude-3-5-sonnet-20240620-v1", StringComparison.Ordinal)));
        string plannerPrompt = requests[0].Json.GetProperty("messages")[0].GetProperty("content")[0].GetProperty("text").GetString()!;
        Assert.Contains("\"dependsOn\":[]", plannerPrompt, StringComparison.Ordinal);
        string capabilities = plannerPrompt.Split('\n').Single(l => l.StartsWith("Capabilities:", StringComparison.Ordinal));
        Assert.Equal(
            ["analysis", "billing", "classification", "compliance", "data-fetch", "research", "synthesis", "technical-support", "writing"],
            capabilities["Capabilities:".Length..].Split(',', StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.Object, requests[0].Json.GetProperty("inferenceConfig").ValueKind);
    }
}
