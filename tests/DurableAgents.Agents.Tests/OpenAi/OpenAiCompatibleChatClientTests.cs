using System.Text.Json;
using DurableAgents.Agents.Tests.Fakes;
using DurableAgents.TestSupport;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents.Tests.OpenAi;

public sealed class OpenAiCompatibleChatClientTests : IAsyncLifetime
{
    private FakeChatCompletionsServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeChatCompletionsServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetResponseAsync_TextAnswer_MapsTextUsageAndFinishReason()
    {
        _server.Enqueue(FakeChatCompletionsServer.Answer("Hello there.", promptTokens: 12, completionTokens: 3));
        using OpenAiCompatibleChatClient client = CreateClient(apiKey: "sk-test-key");

        ChatResponse response = await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "Be brief."), new ChatMessage(ChatRole.User, "Say hello")],
            new ChatOptions { MaxOutputTokens = 50, Temperature = 0.5f, StopSequences = ["\n\n"] }.WithCorrelationId("inst:2"));

        Assert.Equal("Hello there.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(12, response.Usage!.InputTokenCount);
        Assert.Equal(3, response.Usage.OutputTokenCount);
        Assert.Equal(15, response.Usage.TotalTokenCount);

        ReceivedRequest request = Assert.Single(_server.Requests);
        Assert.Equal("/v1/chat/completions", request.RawTarget);
        Assert.Equal("Bearer sk-test-key", request.Header("authorization"));
        Assert.Equal("inst:2", request.Header("x-correlation-id"));
        JsonElement json = request.Json;
        Assert.Equal("llama3.1", json.GetProperty("model").GetString());
        Assert.Equal(50, json.GetProperty("max_tokens").GetInt32());
        Assert.Equal(0.5, json.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal("\n\n", json.GetProperty("stop")[0].GetString());
        JsonElement[] messages = json.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(["system", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("Say hello", messages[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_NoApiKey_SendsNoAuthorizationHeader()
    {
        using OpenAiCompatibleChatClient client = CreateClient(apiKey: null);

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Null(Assert.Single(_server.Requests).Header("authorization"));
    }

    [Fact]
    public async Task GetResponseAsync_ToolCalls_RoundTripThroughFunctionContent()
    {
        _server.Enqueue(
            FakeChatCompletionsServer.ToolCall("call_1", "get_weather", """{"city":"Lima"}"""),
            FakeChatCompletionsServer.Answer("Sunny in Lima."));
        using OpenAiCompatibleChatClient client = CreateClient();
        var options = new ChatOptions { Tools = [new WeatherTool()], ToolMode = ChatToolMode.RequireAny };
        List<ChatMessage> conversation = [new ChatMessage(ChatRole.User, "Weather in Lima?")];

        ChatResponse first = await client.GetResponseAsync(conversation, options);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        FunctionCallContent call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("call_1", call.CallId);
        Assert.Equal("Lima", ((JsonElement)call.Arguments!["city"]!).GetString());

        conversation.AddRange(first.Messages);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call_1", "sunny, 24C")]));
        ChatResponse second = await client.GetResponseAsync(conversation, options);

        Assert.Equal("Sunny in Lima.", second.Text);
        JsonElement firstJson = _server.Requests[0].Json;
        Assert.Equal("get_weather", firstJson.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("required", firstJson.GetProperty("tool_choice").GetString());
        JsonElement[] messages = _server.Requests[1].Json.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(["user", "assistant", "tool"], messages.Select(m => m.GetProperty("role").GetString()));
        JsonElement sentCall = messages[1].GetProperty("tool_calls")[0];
        Assert.Equal("call_1", sentCall.GetProperty("id").GetString());
        Assert.Equal("Lima", JsonDocument.Parse(sentCall.GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("city").GetString());
        Assert.Equal("call_1", messages[2].GetProperty("tool_call_id").GetString());
        Assert.Equal("sunny, 24C", messages[2].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetResponseAsync_RateLimitedThenAnswer_Retried()
    {
        _server.Enqueue(FakeChatCompletionsServer.Error(429, "rate_limit_exceeded", "slow down"), FakeChatCompletionsServer.Answer("ok"));
        using OpenAiCompatibleChatClient client = CreateClient();

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("ok", response.Text);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_Unauthorized_FailsAtOnceNamingApiKey()
    {
        _server.Default = FakeChatCompletionsServer.Error(401, "invalid_api_key", "Incorrect API key provided.");
        using OpenAiCompatibleChatClient client = CreateClient(apiKey: "wrong");

        ModelRequestRejectedException error = await Assert.ThrowsAsync<ModelRequestRejectedException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Single(_server.Requests);
        Assert.Equal(401, error.StatusCode);
        Assert.Equal("invalid_api_key", error.ErrorCode);
        Assert.Contains("Incorrect API key provided.", error.Message, StringComparison.Ordinal);
        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_LengthFinishReason_MapsToLength()
    {
        _server.Enqueue(FakeChatCompletionsServer.Answer("trunc", finishReason: "length"));
        using OpenAiCompatibleChatClient client = CreateClient();

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public void Constructor_RelativeBaseUrl_ThrowsConfigurationErrorNamingSetting()
    {
        ModelProviderConfigurationException error = Assert.Throws<ModelProviderConfigurationException>(
            () => new OpenAiCompatibleChatClient("m", new OpenAiCompatibleOptions { BaseUrl = "localhost:4000" }));

        Assert.Contains("Agents:OpenAiCompatible:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    private OpenAiCompatibleChatClient CreateClient(string? apiKey = null) =>
        new("llama3.1", new OpenAiCompatibleOptions
        {
            BaseUrl = _server.BaseUrl,
            ApiKey = apiKey,
            Retry = new ModelRetryOptions { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        });
}
