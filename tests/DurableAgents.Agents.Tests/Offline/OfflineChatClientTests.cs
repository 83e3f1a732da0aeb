using Microsoft.Extensions.AI;

namespace DurableAgents.Agents.Tests.Offline;

public sealed class OfflineChatClientTests : IDisposable
{
    private readonly OfflineChatClient _client = new("offline-test");

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task GetResponseAsync_SameInput_SameAnswerAndUsage()
    {
        ChatMessage[] messages = [new(ChatRole.System, "You summarise."), new(ChatRole.User, "Summarise the quarterly report.")];

        ChatResponse first = await _client.GetResponseAsync(messages);
        using var other = new OfflineChatClient("offline-test");
        ChatResponse second = await other.GetResponseAsync(messages);

        Assert.Equal(first.Text, second.Text);
        Assert.Equal(first.Usage!.InputTokenCount, second.Usage!.InputTokenCount);
        Assert.Equal(first.Usage.OutputTokenCount, second.Usage.OutputTokenCount);
        Assert.StartsWith(OfflineChatClient.AnswerPrefix, first.Text, StringComparison.Ordinal);
        Assert.Contains("Summarise the quarterly report.", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_DifferentInput_DifferentAnswer()
    {
        ChatResponse first = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "alpha")]);
        ChatResponse second = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "beta")]);

        Assert.NotEqual(first.Text, second.Text);
    }

    [Fact]
    public async Task GetResponseAsync_Usage_EstimatedFromTextLength()
    {
        const string system = "You are a helpful agent.";
        const string user = "Explain durable timers in two sentences.";

        ChatResponse response = await _client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)]);

        Assert.Equal(TokenEstimator.Estimate(system) + TokenEstimator.Estimate(user), response.Usage!.InputTokenCount);
        Assert.Equal(TokenEstimator.Estimate(response.Text), response.Usage.OutputTokenCount);
        Assert.Equal(response.Usage.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_PlannerPrompt_ReturnsValidJsonPlanDerivedFromRequest()
    {
        string system = "You are a planner. " + AgentPlan.FormatInstructions(["research", "writing", "review"]);
        const string request = "Find recent papers on durable workflows. Then write a one-page summary. Then review it for accuracy.";

        ChatResponse response = await _client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, request)]);
        AgentPlan plan = AgentPlan.Parse(response.Text);

        Assert.Equal(request, plan.Goal);
        Assert.Equal(["research", "writing", "review"], plan.Steps.Select(s => s.Capability));
        Assert.Equal(["step-1", "step-2", "step-3"], plan.Steps.Select(s => s.Id));
        Assert.Equal("Find recent papers on durable workflows", plan.Steps[0].Task);
        Assert.Equal("write a one-page summary", plan.Steps[1].Task);
        Assert.Empty(plan.Steps[0].DependsOn);
        Assert.Equal(["step-1"], plan.Steps[1].DependsOn);
        Assert.Equal(["step-2"], plan.Steps[2].DependsOn);
        ChatResponse again = await _client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, request)]);
        Assert.Equal(response.Text, again.Text);
    }

    [Fact]
    public async Task GetResponseAsync_JsonResponseFormatSingleClause_ReturnsThreeStepPlan()
    {
        ChatResponse response = await _client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Compare SQLite and DynamoDB for workflow state")],
            new ChatOptions { ResponseFormat = ChatResponseFormat.Json });
        AgentPlan plan = AgentPlan.Parse(response.Text);

        Assert.Equal(3, plan.Steps.Count);
        Assert.All(plan.Steps, s => Assert.Contains("Compare SQLite and DynamoDB for workflow state", s.Task, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResponseAsync_PlannerPromptSingleClause_FansOutResearchAndAnalysisThenWritesFromBoth()
    {
        string system = "You are a planner. " + AgentPlan.FormatInstructions(["research", "analysis", "writing"]);
        const string request = "Compare SQLite and DynamoDB for workflow state";

        ChatResponse response = await _client.GetResponseAsync([new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, request)]);
        AgentPlan plan = AgentPlan.Parse(response.Text);

        Assert.Equal(["step-1", "step-2", "step-3"], plan.Steps.Select(s => s.Id));
        Assert.Equal(["research", "analysis", "writing"], plan.Steps.Select(s => s.Capability));
        Assert.Equal($"Gather the facts needed for: {request}", plan.Steps[0].Task);
        Assert.Equal($"Identify the criteria, trade-offs and risks that matter for: {request}", plan.Steps[1].Task);
        Assert.Equal($"Write the final answer to: {request}", plan.Steps[2].Task);
        Assert.Empty(plan.Steps[0].DependsOn);
        Assert.Empty(plan.Steps[1].DependsOn);
        Assert.Equal(["step-1", "step-2"], plan.Steps[2].DependsOn);
    }

    [Fact]
    public async Task GetResponseAsync_CapabilitiesNotMatchingKeywords_UsesOnlyListedCapabilities()
    {
        string system = AgentPlan.FormatInstructions(["alpha", "beta"]);

        ChatResponse response = await _client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, "Do one thing; then do another; then finish")]);
        AgentPlan plan = AgentPlan.Parse(response.Text);

        Assert.All(plan.Steps, s => Assert.Contains(s.Capability, new[] { "alpha", "beta" }));
    }

    [Fact]
    public async Task GetResponseAsync_SmallMaxOutputTokens_TruncatesAndReportsLength()
    {
        ChatResponse response = await _client.GetResponseAsync(
            [new ChatMessage(ChatRole.User, "Tell me everything about replay.")], new ChatOptions { MaxOutputTokens = 5 });

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.True(response.Usage!.OutputTokenCount <= 5);
        Assert.StartsWith(OfflineChatClient.AnswerPrefix, response.Text, StringComparison.Ordinal);
    }
}
