using System.Text.Json;
using Amazon.Runtime;
using DurableAgents.Agents.Tests.Fakes;
using DurableAgents.TestSupport;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents.Tests.Bedrock;

public sealed class BedrockChatClientTests : IAsyncLifetime
{
    private const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";
    private FakeBedrockServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeBedrockServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task GetResponseAsync_ModelIdWithColon_SignatureVerifiedAndAnswerMapped()
    {
        _server.Enqueue(FakeBedrockServer.Answer("Paris is the capital.", inputTokens: 25, outputTokens: 6));
        using BedrockChatClient client = CreateClient();

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "Capital of France?")]);

        ReceivedRequest request = Assert.Single(_server.Requests);
        Assert.True(request.SignatureValid, request.SignatureError);
        Assert.Equal("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", request.RawTarget);
        Assert.Equal("Paris is the capital.", response.Text);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(ModelId, response.ModelId);
        Assert.Equal(25, response.Usage!.InputTokenCount);
        Assert.Equal(6, response.Usage.OutputTokenCount);
        Assert.Equal(31, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task GetResponseAsync_WrongSecret_RejectedWithInvalidSignatureAndNotRetried()
    {
        using BedrockChatClient client = CreateClient(secret: "not-the-secret");

        ModelRequestRejectedException error = await Assert.ThrowsAsync<ModelRequestRejectedException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("InvalidSignatureException", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Contains("credentials", error.Message, StringComparison.OrdinalIgnoreCase);
        ReceivedRequest request = Assert.Single(_server.Requests);
        Assert.False(request.SignatureValid);
    }

    [Fact]
    public async Task Wrong_secret_key_is_answered_with_secret_key_session_token_and_clock_advice()
    {
        using BedrockChatClient client = CreateClient(secret: "not-the-secret");

        ModelRequestRejectedException error = await Assert.ThrowsAsync<ModelRequestRejectedException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Equal(403, error.StatusCode);
        Assert.Contains("does not match the signature you provided. AWS could not verify", error.Message, StringComparison.Ordinal);
        AssertSignatureAdvice(error.Message);
    }

    [Fact]
    public async Task Signature_mismatch_without_an_error_type_is_answered_with_credential_advice_not_model_access()
    {
        // Bedrock's answer to a bad signature as clients report it: a message (followed by the canonical request AWS
        // expected) and no error type, which on its own would read as a 403 AccessDeniedException.
        _server.Default = new ScriptedResponse(403, JsonSerializer.Serialize(new
        {
            message = "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key "
                + "and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'POST\n/model/x/converse'\n",
        }));
        using BedrockChatClient client = CreateClient();

        ModelRequestRejectedException error = await Assert.ThrowsAsync<ModelRequestRejectedException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Single(_server.Requests);
        Assert.Equal(403, error.StatusCode);
        Assert.False(error.IsRetryable);
        Assert.Contains("Consult the service documentation for details. AWS could not verify", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Canonical String", error.Message, StringComparison.Ordinal);
        AssertSignatureAdvice(error.Message);
    }

    [Fact]
    public async Task Throttling_message_ends_the_service_sentence_with_one_period()
    {
        _server.Default = FakeBedrockServer.Error(429, "ThrottlingException", "Too many requests, please wait before trying again.");
        using BedrockChatClient client = CreateClient(maxAttempts: 1);

        ModelProviderException error = await Assert.ThrowsAsync<ModelProviderException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.True(error.IsRetryable);
        Assert.Contains("please wait before trying again. Retried with backoff;", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_SessionCredentials_SecurityTokenSignedAndAccepted()
    {
        using BedrockChatClient client = CreateClient(credentials: new SessionAWSCredentials(
            FakeBedrockServer.AccessKey, FakeBedrockServer.SecretKey, "session-token-value"));

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        ReceivedRequest request = Assert.Single(_server.Requests);
        Assert.True(request.SignatureValid, request.SignatureError);
        Assert.Equal("session-token-value", request.Header("x-amz-security-token"));
        Assert.Contains("x-amz-security-token", request.SignedHeaders);
    }

    [Fact]
    public async Task GetResponseAsync_Throttled_RetriesWithBackoffThenSucceeds()
    {
        _server.Enqueue(
            FakeBedrockServer.Error(429, "ThrottlingException", "Too many requests, please wait before trying again."),
            FakeBedrockServer.Error(429, "ThrottlingException", "Too many requests, please wait before trying again."),
            FakeBedrockServer.Answer("finally"));
        using BedrockChatClient client = CreateClient(maxAttempts: 4);

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("finally", response.Text);
        Assert.Equal(3, _server.Requests.Count);
        Assert.All(_server.Requests, r => Assert.True(r.SignatureValid, r.SignatureError));
    }

    [Fact]
    public async Task GetResponseAsync_ThrottledOnEveryAttempt_StopsAfterMaxAttemptsWithRetryableError()
    {
        _server.Default = FakeBedrockServer.Error(429, "ThrottlingException", "Too many requests");
        using BedrockChatClient client = CreateClient(maxAttempts: 3);

        ModelProviderException error = await Assert.ThrowsAsync<ModelProviderException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.True(error.IsRetryable);
        Assert.Equal(429, error.StatusCode);
        Assert.Equal("ThrottlingException", error.ErrorCode);
        Assert.Equal(3, _server.Requests.Count);
    }

    [Theory]
    [InlineData(500, "InternalServerException")]
    [InlineData(503, "ServiceUnavailableException")]
    [InlineData(429, "ModelNotReadyException")]
    public async Task GetResponseAsync_ServerSideError_Retried(int status, string errorType)
    {
        _server.Enqueue(FakeBedrockServer.Error(status, errorType, "try later"), FakeBedrockServer.Answer("recovered"));
        using BedrockChatClient client = CreateClient();

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal("recovered", response.Text);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task GetResponseAsync_ValidationError_FailsAtOnceWithServiceMessage()
    {
        _server.Default = FakeBedrockServer.Error(400, "ValidationException", "The maximum tokens you requested exceeds the model limit of 4096.");
        using BedrockChatClient client = CreateClient();

        ModelRequestRejectedException error = await Assert.ThrowsAsync<ModelRequestRejectedException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions { MaxOutputTokens = 100_000 }));

        Assert.Single(_server.Requests);
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("ValidationException", error.ErrorCode);
        Assert.Contains("exceeds the model limit of 4096", error.Message, StringComparison.Ordinal);
        Assert.Contains("maxTokens", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<INonRetriableFailure>(error);
    }

    [Fact]
    public async Task GetResponseAsync_AccessDenied_FailsAtOnceNamingModelAccessAndRegion()
    {
        _server.Default = FakeBedrockServer.Error(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");
        using BedrockChatClient client = CreateClient();

        ModelRequestRejectedException error = await Assert.ThrowsAsync<ModelRequestRejectedException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Single(_server.Requests);
        Assert.Equal("AccessDeniedException", error.ErrorCode);
        Assert.Contains("You don't have access", error.Message, StringComparison.Ordinal);
        Assert.Contains("Model access", error.Message, StringComparison.Ordinal);
        Assert.Contains(FakeBedrockServer.Region, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_ResourceNotFound_FailsAtOnceNamingModelId()
    {
        _server.Default = FakeBedrockServer.Error(404, "ResourceNotFoundException", "Model not found.");
        using BedrockChatClient client = CreateClient();

        ModelRequestRejectedException error = await Assert.ThrowsAsync<ModelRequestRejectedException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Single(_server.Requests);
        Assert.Equal(404, error.StatusCode);
        Assert.Contains(ModelId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_UnrecognizedClient_FailsAtOnceNamingCredentials()
    {
        _server.Default = FakeBedrockServer.Error(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
        using BedrockChatClient client = CreateClient();

        ModelRequestRejectedException error = await Assert.ThrowsAsync<ModelRequestRejectedException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.Single(_server.Requests);
        Assert.Equal("UnrecognizedClientException", error.ErrorCode);
        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_NothingListening_RetriesThenFailsWithRetryableConnectionError()
    {
        string closedEndpoint;
        await using (FakeBedrockServer stopped = await FakeBedrockServer.StartAsync())
        {
            closedEndpoint = stopped.Endpoint.ToString();
        }

        using BedrockChatClient client = CreateClient(maxAttempts: 2, endpoint: closedEndpoint);

        ModelProviderException error = await Assert.ThrowsAsync<ModelProviderException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]));

        Assert.True(error.IsRetryable);
        Assert.Equal("ConnectionFailed", error.ErrorCode);
        Assert.Null(error.StatusCode);
        Assert.Contains("Agents:Bedrock", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_CancelledDuringBackoff_StopsRetrying()
    {
        using var cancellation = new CancellationTokenSource();
        _server.Default = FakeBedrockServer.Error(429, "ThrottlingException", "slow down");
        _server.OnRequest = _ => cancellation.Cancel();
        using BedrockChatClient client = CreateClient(maxAttempts: 5, baseDelay: TimeSpan.FromMinutes(10));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], cancellationToken: cancellation.Token));

        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetResponseAsync_SystemPromptAndInferenceConfig_PresentInRequestJson()
    {
        using BedrockChatClient client = CreateClient();
        var options = new ChatOptions { MaxOutputTokens = 321, Temperature = 0.25f, TopP = 0.9f, StopSequences = ["END"] };

        await client.GetResponseAsync(
            [new ChatMessage(ChatRole.System, "You are terse."), new ChatMessage(ChatRole.User, "hello")], options);

        JsonElement json = Assert.Single(_server.Requests).Json;
        Assert.Equal("You are terse.", json.GetProperty("system")[0].GetProperty("text").GetString());
        JsonElement message = Assert.Single(json.GetProperty("messages").EnumerateArray());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("hello", message.GetProperty("content")[0].GetProperty("text").GetString());
        JsonElement inference = json.GetProperty("inferenceConfig");
        Assert.Equal(321, inference.GetProperty("maxTokens").GetInt32());
        Assert.Equal(0.25, inference.GetProperty("temperature").GetDouble(), 3);
        Assert.Equal(0.9, inference.GetProperty("topP").GetDouble(), 3);
        Assert.Equal("END", inference.GetProperty("stopSequences")[0].GetString());
    }

    [Fact]
    public async Task GetResponseAsync_CorrelationId_SentAsSignedHeader()
    {
        using BedrockChatClient client = CreateClient();

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")], new ChatOptions().WithCorrelationId("instance-1:4"));

        ReceivedRequest request = Assert.Single(_server.Requests);
        Assert.True(request.SignatureValid, request.SignatureError);
        Assert.Equal("instance-1:4", request.Header("x-correlation-id"));
        Assert.Contains("x-correlation-id", request.SignedHeaders);
    }

    [Fact]
    public async Task GetResponseAsync_ToolUse_RoundTripsThroughFunctionCallAndResultContent()
    {
        _server.Enqueue(
            FakeBedrockServer.ToolUse("tooluse_abc123", "get_weather", new { city = "Oslo" }, preamble: "Let me check."),
            FakeBedrockServer.Answer("It is 3 degrees in Oslo."));
        using BedrockChatClient client = CreateClient();
        var options = new ChatOptions { Tools = [new WeatherTool()], ToolMode = ChatToolMode.Auto };
        List<ChatMessage> conversation = [new ChatMessage(ChatRole.User, "Weather in Oslo?")];

        ChatResponse first = await client.GetResponseAsync(conversation, options);

        Assert.Equal(ChatFinishReason.ToolCalls, first.FinishReason);
        FunctionCallContent call = Assert.Single(first.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("tooluse_abc123", call.CallId);
        Assert.Equal("get_weather", call.Name);
        Assert.Equal("Oslo", ((JsonElement)call.Arguments!["city"]!).GetString());

        conversation.AddRange(first.Messages);
        conversation.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, new { temperature = 3, unit = "C" })]));
        ChatResponse second = await client.GetResponseAsync(conversation, options);

        Assert.Equal("It is 3 degrees in Oslo.", second.Text);
        JsonElement firstJson = _server.Requests[0].Json;
        JsonElement toolSpec = firstJson.GetProperty("toolConfig").GetProperty("tools")[0].GetProperty("toolSpec");
        Assert.Equal("get_weather", toolSpec.GetProperty("name").GetString());
        Assert.Equal("object", toolSpec.GetProperty("inputSchema").GetProperty("json").GetProperty("type").GetString());
        Assert.True(firstJson.GetProperty("toolConfig").GetProperty("toolChoice").TryGetProperty("auto", out _));

        JsonElement[] messages = _server.Requests[1].Json.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m.GetProperty("role").GetString()));
        JsonElement toolUse = messages[1].GetProperty("content")[1].GetProperty("toolUse");
        Assert.Equal("tooluse_abc123", toolUse.GetProperty("toolUseId").GetString());
        Assert.Equal("Oslo", toolUse.GetProperty("input").GetProperty("city").GetString());
        JsonElement toolResult = messages[2].GetProperty("content")[0].GetProperty("toolResult");
        Assert.Equal("tooluse_abc123", toolResult.GetProperty("toolUseId").GetString());
        Assert.Equal("success", toolResult.GetProperty("status").GetString());
        Assert.Equal(3, toolResult.GetProperty("content")[0].GetProperty("json").GetProperty("temperature").GetInt32());
    }

    [Fact]
    public async Task GetResponseAsync_EndpointWithPathPrefix_PrefixKeptAndSigned()
    {
        using BedrockChatClient client = CreateClient(endpoint: new Uri(_server.Endpoint, "/proxy/bedrock").ToString());

        await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        ReceivedRequest request = Assert.Single(_server.Requests);
        Assert.Equal("/proxy/bedrock/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse", request.RawTarget);
        Assert.True(request.SignatureValid, request.SignatureError);
    }

    [Fact]
    public async Task GetResponseAsync_MaxTokensStopReason_MapsToLength()
    {
        _server.Enqueue(FakeBedrockServer.Answer("cut sh", stopReason: "max_tokens"));
        using BedrockChatClient client = CreateClient();

        ChatResponse response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "hi")]);

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    private static void AssertSignatureAdvice(string message)
    {
        Assert.Contains("AWS_SECRET_ACCESS_KEY", message, StringComparison.Ordinal);
        Assert.Contains("AWS_SESSION_TOKEN", message, StringComparison.Ordinal);
        Assert.Contains("clock", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Model access", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("IAM", message, StringComparison.Ordinal);
        Assert.DoesNotContain("..", message, StringComparison.Ordinal);
    }

    private BedrockChatClient CreateClient(
        string secret = FakeBedrockServer.SecretKey,
        int maxAttempts = 4,
        TimeSpan? baseDelay = null,
        AWSCredentials? credentials = null,
        string? endpoint = null) =>
        new(
            ModelId,
            new BedrockOptions
            {
                Region = FakeBedrockServer.Region,
                Endpoint = endpoint ?? _server.Endpoint.ToString(),
                Retry = new ModelRetryOptions
                {
                    MaxAttempts = maxAttempts,
                    BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(1),
                    MaxDelay = baseDelay ?? TimeSpan.FromMilliseconds(5),
                },
            },
            credentials: credentials ?? new BasicAWSCredentials(FakeBedrockServer.AccessKey, secret));
}
