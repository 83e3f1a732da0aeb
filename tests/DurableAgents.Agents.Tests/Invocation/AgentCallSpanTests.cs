using System.Collections.Concurrent;
using System.Diagnostics;
using DurableAgents.Agents.Calls;
using DurableAgents.Agents.Tests.Fakes;

namespace DurableAgents.Agents.Tests.Invocation;

/// <summary>The span InvokeAgent emits around the model call: a child of the caller's span with gen_ai attributes and the cost.</summary>
public sealed class AgentCallSpanTests : IDisposable
{
    private static readonly AgentDefinition Writer = new()
    {
        Name = "writer",
        Capabilities = ["writing"],
        Provider = ModelProviders.Bedrock,
        Model = "anthropic.claude-3-haiku-20240307-v1:0",
        MaxTokens = 512,
        InputPricePer1kTokens = 3m,
        OutputPricePer1kTokens = 15m,
    };

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;
    private readonly ActivitySource _caller = new("DurableAgents.Agents.Tests." + Guid.NewGuid().ToString("N"));

    public AgentCallSpanTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AgentCallSpan.SourceName || source == _caller,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task RunAsync_ModelAnswers_EmitsChatSpanUnderTheCallersSpanWithModelTokensAndCost()
    {
        ScriptedChatClient client = ScriptedChatClient.Answering("A clear paragraph.", inputTokens: 1000, outputTokens: 200);
        InvokeAgentActivity activity = new(new AgentRegistry([Writer]), new SingleClientFactory(client), new AgentResiliencePipelines(new AgentCircuitBreakerOptions()));

        ActivitySpanId parentSpanId;
        using (Activity parent = _caller.StartActivity("activity:InvokeAgent")!)
        {
            parentSpanId = parent.SpanId;
            await activity.RunAsync(new TestActivityContext("wf-span", 3), new AgentRequest("writer", "Write a paragraph."));
        }

        Activity span = Assert.Single(_stopped, a => a.Source.Name == AgentCallSpan.SourceName && a.ParentSpanId == parentSpanId);
        Assert.Equal("chat anthropic.claude-3-haiku-20240307-v1:0", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("chat", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("aws.bedrock", span.GetTagItem("gen_ai.system"));
        Assert.Equal("writer", span.GetTagItem("gen_ai.agent.name"));
        Assert.Equal(Writer.Model, span.GetTagItem("gen_ai.request.model"));
        Assert.Equal("scripted-model", span.GetTagItem("gen_ai.response.model"));
        Assert.Equal(1000L, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(200L, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal(6.0, span.GetTagItem("durableagents.cost"));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public async Task RunAsync_ModelFails_SpanCarriesTheErrorType()
    {
        ScriptedChatClient client = ScriptedChatClient.Failing(() => new InvalidOperationException("model refused"));
        InvokeAgentActivity activity = new(new AgentRegistry([Writer]), new SingleClientFactory(client), new AgentResiliencePipelines(new AgentCircuitBreakerOptions()));

        ActivitySpanId parentSpanId;
        using (Activity parent = _caller.StartActivity("activity:InvokeAgent")!)
        {
            parentSpanId = parent.SpanId;
            await Assert.ThrowsAnyAsync<Exception>(() => activity.RunAsync(new TestActivityContext("wf-span", 4), new AgentRequest("writer", "Write.")));
        }

        Activity span = Assert.Single(_stopped, a => a.Source.Name == AgentCallSpan.SourceName && a.ParentSpanId == parentSpanId);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.NotNull(span.GetTagItem("error.type"));
        Assert.Null(span.GetTagItem("gen_ai.usage.input_tokens"));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _caller.Dispose();
    }
}
