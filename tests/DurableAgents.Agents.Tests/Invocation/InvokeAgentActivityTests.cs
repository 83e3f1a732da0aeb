using DurableAgents.Agents.Calls;
using DurableAgents.Agents.Tests.Fakes;
using DurableAgents.Converters;
using DurableAgents.TestSupport;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.AI;
using Polly.CircuitBreaker;

namespace DurableAgents.Agents.Tests.Invocation;

public sealed class InvokeAgentActivityTests
{
    private static readonly AgentDefinition Writer = new()
    {
        Name = "writer",
        Capabilities = ["writing"],
        Provider = ModelProviders.Bedrock,
        Model = "anthropic.claude-3-haiku-20240307-v1:0",
        SystemPrompt = "You write clearly.",
        MaxTokens = 512,
        Temperature = 0.3f,
        InputPricePer1kTokens = 3m,
        OutputPricePer1kTokens = 15m,
    };

    [Fact]
    public async Task RunAsync_WithinShare_ReturnsAnswerTokensCostAndCorrelationId()
    {
        ScriptedChatClient client = ScriptedChatClient.Answering("A clear paragraph.", inputTokens: 1000, outputTokens: 200);
        InvokeAgentActivity activity = CreateActivity(client, Writer);

        AgentResult result = await activity.RunAsync(new TestActivityContext("wf-1", 7), new AgentRequest("writer", "Write a paragraph.") { MaxTokens = 5000, MaxCost = 10m });

        Assert.Equal("A clear paragraph.", result.Text);
        Assert.Equal(1000, result.InputTokens);
        Assert.Equal(200, result.OutputTokens);
        Assert.Equal(6.0m, result.Cost);
        Assert.Equal("wf-1:7", result.CorrelationId);
        Assert.Equal("scripted-model", result.Model);
        Assert.Equal(ModelProviders.Bedrock, result.Provider);
        Assert.Equal("stop", result.FinishReason);
        Assert.True(result.LatencyMilliseconds >= 0);
        Assert.False(result.OverBudget);
        Assert.Equal("wf-1:7", client.LastOptions.GetCorrelationId());
        Assert.Equal(512, client.LastOptions!.MaxOutputTokens);
        Assert.Equal(0.3f, client.LastOptions.Temperature);
        Assert.Equal(Writer.Model, client.LastOptions.ModelId);
        Assert.Equal(ChatRole.System, client.LastMessages[0].Role);
        Assert.Equal("You write clearly.", client.LastMessages[0].Text);
        Assert.Equal("Write a paragraph.", client.LastMessages[1].Text);
    }

    [Fact]
    public async Task RunAsync_TokenEstimateOverShare_FailsNonRetriablyWithoutCallingModel()
    {
        ScriptedChatClient client = ScriptedChatClient.Answering("never", 1, 1);
        InvokeAgentActivity activity = CreateActivity(client, Writer);

        BudgetExceededException error = await Assert.ThrowsAsync<BudgetExceededException>(
            () => activity.RunAsync(new TestActivityContext("wf", 1), new AgentRequest("writer", "Write a paragraph.") { MaxTokens = 100 }));

        Assert.Equal(0, client.Calls);
        Assert.Equal(100, error.ShareTokens);
        Assert.Equal(TokenEstimator.Estimate("You write clearly.") + TokenEstimator.Estimate("Write a paragraph.") + 512, error.EstimatedTokens);
        Assert.Contains("token share is 100", error.Message, StringComparison.Ordinal);
        Assert.Contains("512 max output tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains("(its part of the workflow's budget.totalTokens)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Raise budget.totalTokens in the workflow's input, lower Agents:Definitions:writer:MaxTokens", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AgentRequest", error.Message, StringComparison.Ordinal);
        FailureDetails failure = FailureDetails.FromException(error);
        Assert.True(failure.IsNonRetriable);
        Assert.Equal(typeof(BudgetExceededException).FullName, failure.ErrorType);
    }

    [Fact]
    public async Task RunAsync_WorstCaseCostOverShare_FailsWithBudgetExceeded()
    {
        ScriptedChatClient client = ScriptedChatClient.Answering("never", 1, 1);
        InvokeAgentActivity activity = CreateActivity(client, Writer);

        // 512 output tokens at 15 per 1k alone cost 7.68.
        BudgetExceededException error = await Assert.ThrowsAsync<BudgetExceededException>(
            () => activity.RunAsync(new TestActivityContext("wf", 1), new AgentRequest("writer", "Write.") { MaxCost = 5m }));

        Assert.Equal(0, client.Calls);
        Assert.Equal(5m, error.ShareCost);
        Assert.True(error.EstimatedCost > 7.68m);
        Assert.Contains("cost share is 5 (its part of the workflow's budget.totalCost)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Raise budget.totalCost", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AgentRequest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_LowerMaxOutputTokens_FitsShareAndIsSentToModel()
    {
        ScriptedChatClient client = ScriptedChatClient.Answering("short", 20, 10);
        InvokeAgentActivity activity = CreateActivity(client, Writer);

        AgentResult result = await activity.RunAsync(
            new TestActivityContext("wf", 1), new AgentRequest("writer", "Write.") { MaxTokens = 100, MaxOutputTokens = 50 });

        Assert.Equal(1, client.Calls);
        Assert.Equal(50, client.LastOptions!.MaxOutputTokens);
        Assert.False(result.OverBudget);
    }

    [Fact]
    public async Task RunAsync_AgentTokenBudget_CapsALargerRequestShare()
    {
        ScriptedChatClient client = ScriptedChatClient.Answering("never", 1, 1);
        InvokeAgentActivity activity = CreateActivity(client, Writer with { TokenBudget = 300 });

        BudgetExceededException error = await Assert.ThrowsAsync<BudgetExceededException>(
            () => activity.RunAsync(new TestActivityContext("wf", 1), new AgentRequest("writer", "Write.") { MaxTokens = 10_000 }));

        Assert.Equal(300, error.ShareTokens);
        Assert.Contains("token share is 300 (the agent's own ceiling Agents:Definitions:writer:TokenBudget)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Raise Agents:Definitions:writer:TokenBudget", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("budget.totalTokens", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.Calls);
    }

    [Fact]
    public async Task RunAsync_ActualUsageAboveShare_ReturnsAnswerFlaggedOverBudget()
    {
        ScriptedChatClient client = ScriptedChatClient.Answering("long answer", inputTokens: 500, outputTokens: 200);
        InvokeAgentActivity activity = CreateActivity(client, Writer);

        AgentResult result = await activity.RunAsync(
            new TestActivityContext("wf", 1), new AgentRequest("writer", "Write.") { MaxTokens = 600, MaxOutputTokens = 100 });

        Assert.Equal("long answer", result.Text);
        Assert.True(result.OverBudget);
    }

    [Fact]
    public async Task RunAsync_ProviderReportsNoUsage_EstimatesTokens()
    {
        ScriptedChatClient client = ScriptedChatClient.Answering("twelve chars", inputTokens: null, outputTokens: null);
        InvokeAgentActivity activity = CreateActivity(client, Writer);

        AgentResult result = await activity.RunAsync(new TestActivityContext("wf", 1), new AgentRequest("writer", "Write."));

        Assert.Equal(TokenEstimator.Estimate("You write clearly.") + TokenEstimator.Estimate("Write."), result.InputTokens);
        Assert.Equal(TokenEstimator.Estimate("twelve chars"), result.OutputTokens);
    }

    [Fact]
    public async Task RunAsync_ContextGiven_SentWithThePrompt()
    {
        ScriptedChatClient client = ScriptedChatClient.Answering("ok", 1, 1);
        InvokeAgentActivity activity = CreateActivity(client, Writer);

        await activity.RunAsync(new TestActivityContext("wf", 1), new AgentRequest("writer", "Summarise.") { Context = "Finding: latency halved." });

        string user = client.LastMessages[^1].Text;
        Assert.True(user.IndexOf("Finding: latency halved.", StringComparison.Ordinal) < user.IndexOf("Summarise.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_RepeatedRetryableFailures_OpensCircuitAndStopsCallingModel()
    {
        ScriptedChatClient client = ScriptedChatClient.Failing(
            () => new ModelProviderException("throttled", ModelProviders.Bedrock, 429, "ThrottlingException", isRetryable: true));
        var pipelines = new AgentResiliencePipelines(new AgentCircuitBreakerOptions
        {
            FailureRatio = 1.0,
            MinimumThroughput = 3,
            SamplingDuration = TimeSpan.FromMinutes(5),
            BreakDuration = TimeSpan.FromMinutes(5),
        });
        InvokeAgentActivity activity = CreateActivity(client, Writer, pipelines);

        for (int i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<ModelProviderException>(() => activity.RunAsync(new TestActivityContext("wf", i), new AgentRequest("writer", "Write.")));
        }

        AgentUnavailableException open = await Assert.ThrowsAsync<AgentUnavailableException>(
            () => activity.RunAsync(new TestActivityContext("wf", 3), new AgentRequest("writer", "Write.")));

        Assert.Equal(3, client.Calls);
        Assert.Equal(CircuitState.Open, pipelines.GetCircuitState("writer"));
        Assert.Contains("circuit opened", open.Message, StringComparison.Ordinal);
        Assert.False(FailureDetails.FromException(open).IsNonRetriable);
    }

    [Fact]
    public async Task RunAsync_RepeatedNonRetryableFailures_DoNotOpenCircuit()
    {
        var client = new ScriptedChatClient((call, _) => call <= 4
            ? Task.FromException<ChatResponse>(new ModelRequestRejectedException("bad request", ModelProviders.Bedrock, 400, "ValidationException"))
            : Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "fine"))));
        var pipelines = new AgentResiliencePipelines(new AgentCircuitBreakerOptions { FailureRatio = 0.5, MinimumThroughput = 2, BreakDuration = TimeSpan.FromMinutes(5) });
        InvokeAgentActivity activity = CreateActivity(client, Writer, pipelines);

        for (int i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ModelRequestRejectedException>(() => activity.RunAsync(new TestActivityContext("wf", i), new AgentRequest("writer", "Write.")));
        }

        AgentResult result = await activity.RunAsync(new TestActivityContext("wf", 4), new AgentRequest("writer", "Write."));

        Assert.Equal("fine", result.Text);
        Assert.Equal(5, client.Calls);
        Assert.Equal(CircuitState.Closed, pipelines.GetCircuitState("writer"));
    }

    [Fact]
    public async Task RunAsync_ModelSlowerThanAgentTimeout_ThrowsAgentTimeoutException()
    {
        var client = new ScriptedChatClient(async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("The delay only ends by cancellation.");
        });
        InvokeAgentActivity activity = CreateActivity(client, Writer with { Timeout = TimeSpan.FromMilliseconds(200) });

        AgentTimeoutException error = await Assert.ThrowsAsync<AgentTimeoutException>(
            () => activity.RunAsync(new TestActivityContext("wf", 1), new AgentRequest("writer", "Write.")));

        Assert.Contains("'writer'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownAgent_ThrowsAgentNotFoundListingKnownAgents()
    {
        InvokeAgentActivity activity = CreateActivity(ScriptedChatClient.Answering("x", 1, 1), Writer);

        AgentNotFoundException error = await Assert.ThrowsAsync<AgentNotFoundException>(
            () => activity.RunAsync(new TestActivityContext("wf", 1), new AgentRequest("reviewer", "Review.")));

        Assert.Contains("reviewer", error.Message, StringComparison.Ordinal);
        Assert.Contains("writer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_OfflineProviderThroughFactory_AnswersOfflineWithUsageAndCost()
    {
        AgentDefinition offline = Writer with { Provider = ModelProviders.Offline, Model = "offline" };
        using var factory = new ChatClientFactory(new AgentsOptions());
        var activity = new InvokeAgentActivity(new AgentRegistry([offline]), factory, new AgentResiliencePipelines(new AgentCircuitBreakerOptions()));

        AgentResult result = await activity.RunAsync(new TestActivityContext("wf-2", 5), new AgentRequest("writer", "Describe replay."));

        Assert.StartsWith(OfflineChatClient.AnswerPrefix, result.Text, StringComparison.Ordinal);
        Assert.True(result.InputTokens > 0);
        Assert.Equal(TokenEstimator.Estimate(result.Text), result.OutputTokens);
        Assert.Equal(offline.CostOf(result.InputTokens, result.OutputTokens), result.Cost);
        Assert.True(result.Cost > 0);
    }

    [Fact]
    public async Task RunAsync_BedrockProviderThroughFactory_SendsCorrelationIdToSignedEndpoint()
    {
        await using FakeBedrockServer server = await FakeBedrockServer.StartAsync();
        server.Enqueue(FakeBedrockServer.Answer("from bedrock", inputTokens: 40, outputTokens: 9));
        var options = new AgentsOptions
        {
            Bedrock = new BedrockOptions { Region = FakeBedrockServer.Region, Endpoint = server.Endpoint.ToString() },
        };
        using var factory = new ChatClientFactory(
            options, bedrockCredentials: new Amazon.Runtime.BasicAWSCredentials(FakeBedrockServer.AccessKey, FakeBedrockServer.SecretKey));
        var activity = new InvokeAgentActivity(new AgentRegistry([Writer]), factory, new AgentResiliencePipelines(new AgentCircuitBreakerOptions()));

        AgentResult result = await activity.RunAsync(new TestActivityContext("wf-9", 3), new AgentRequest("writer", "Write."));

        ReceivedRequest request = Assert.Single(server.Requests);
        Assert.True(request.SignatureValid, request.SignatureError);
        Assert.Equal("wf-9:3", request.Header("x-correlation-id"));
        Assert.Equal("from bedrock", result.Text);
        Assert.Equal(40, result.InputTokens);
        Assert.Equal(9, result.OutputTokens);
        Assert.Equal((40 * 3m + 9 * 15m) / 1000m, result.Cost);
        Assert.Equal("You write clearly.", request.Json.GetProperty("system")[0].GetProperty("text").GetString());
    }

    /// <summary>Both converters an agent call can meet: the executor's default and the camelCase one of the client and test host.</summary>
    public static TheoryData<string> Converters => [nameof(JsonDataConverter), nameof(WebJsonDataConverter)];

    [Theory]
    [MemberData(nameof(Converters))]
    public void AgentRequestAndResult_DataConverter_RoundTrip(string converterName)
    {
        DataConverter converter = converterName == nameof(WebJsonDataConverter) ? WebJsonDataConverter.Default : JsonDataConverter.Default;
        var request = new AgentRequest("writer", "Write.") { Context = "c", MaxTokens = 10, MaxCost = 0.5m, MaxOutputTokens = 4, ExpectJson = true };
        var result = new AgentResult("writer", "answer")
        {
            Provider = "Bedrock",
            Model = "m",
            InputTokens = 3,
            OutputTokens = 4,
            Cost = 0.0123m,
            LatencyMilliseconds = 15,
            FinishReason = "stop",
            CorrelationId = "i:1",
            OverBudget = true,
        };

        AgentRequest? requestBack = converter.Deserialize<AgentRequest>(converter.Serialize(request));
        AgentResult? resultBack = converter.Deserialize<AgentResult>(converter.Serialize(result));

        Assert.Equal(request, requestBack);
        Assert.Equal(result, resultBack);
    }

    private static InvokeAgentActivity CreateActivity(ScriptedChatClient client, AgentDefinition agent, AgentResiliencePipelines? pipelines = null) =>
        new(new AgentRegistry([agent]), new SingleClientFactory(client), pipelines ?? new AgentResiliencePipelines(new AgentCircuitBreakerOptions()));
}
