using Microsoft.DurableTask;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

/// <summary>The engine applies the identifier rules every door shares, before it writes anything.</summary>
public sealed class TaskHubEngineIdentifierRulesTests
{
    public static TheoryData<string, string> BadInstanceIds => new()
    {
        { "a/b", "The instance id contains '/'; the characters '/', '\\', '#' and '?' are not allowed." },
        { "a\\b", "The instance id contains '\\'" },
        { "a#b", "The instance id contains '#'" },
        { "a?b", "The instance id contains '?'" },
        { "a\u0001b", "control character U+0001" },
        { new string('i', 300), "The instance id is 300 characters long; at most 100 are allowed." },
    };

    [Theory]
    [MemberData(nameof(BadInstanceIds))]
    public async Task CreateInstanceAsync_InstanceIdBreaksTheRules_ThrowsInvalidIdentifierAndWritesNothing(string instanceId, string expected)
    {
        await using TestHub hub = await TestHub.StartAsync();
        long commitsBefore = hub.Engine.CommittedRequestCount;

        InvalidIdentifierException error = await Assert.ThrowsAsync<InvalidIdentifierException>(
            () => hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello") { InstanceId = instanceId }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(IdentifierKind.InstanceId, error.Kind);
        Assert.Equal("instanceId", error.ParamName);
        Assert.Equal(commitsBefore, hub.Engine.CommittedRequestCount);
        Assert.Null(await hub.Engine.GetInstanceAsync(instanceId));
    }

    [Fact]
    public async Task CreateInstanceAsync_IdOfExactlyMaxLength_IsAccepted()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = new('i', Identifiers.MaxLength);

        Assert.Equal(id, await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello") { InstanceId = id }));
    }

    [Fact]
    public async Task CreateInstanceAsync_OrchestratorNameBreaksTheRules_ThrowsNamingTheOrchestratorName()
    {
        await using TestHub hub = await TestHub.StartAsync();
        long commitsBefore = hub.Engine.CommittedRequestCount;

        InvalidIdentifierException error = await Assert.ThrowsAsync<InvalidIdentifierException>(
            () => hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Say#Hello")));

        Assert.Equal("The orchestrator name contains '#'; the characters '/', '\\', '#' and '?' are not allowed.", error.Message);
        Assert.Equal(commitsBefore, hub.Engine.CommittedRequestCount);
    }

    [Fact]
    public async Task RaiseEventAsync_EventNameBreaksTheRules_ThrowsAndQueuesNothing()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello") { InstanceId = "waits" });
        long commitsBefore = hub.Engine.CommittedRequestCount;

        InvalidIdentifierException error = await Assert.ThrowsAsync<InvalidIdentifierException>(
            () => hub.Engine.RaiseEventAsync(id, new string('e', 101), "1"));

        Assert.Equal("The event name is 101 characters long; at most 100 are allowed.", error.Message);
        Assert.Equal(commitsBefore, hub.Engine.CommittedRequestCount);
    }

    [Fact]
    public async Task SubOrchestration_ExplicitIdBreaksTheRules_FailsTheCallWithTheRuleAndStartsNoChild()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w
            .Orchestration<string, string>("Parent", async (ctx, childId) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Child", "ping", new SubOrchestrationOptions { InstanceId = childId });
                }
                catch (TaskFailedException failed)
                {
                    return "refused: " + failed.FailureDetails.ErrorMessage;
                }
            })
            .Orchestration<string, string>("Child", (_, input) => Task.FromResult(input + "-pong")));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Parent") { Input = Json.Of("kids/1") });
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal(
            "refused: The sub-orchestration was not started: The instance id contains '/'; the characters '/', '\\', '#' and '?' are not allowed.",
            done.ReadOutputAs<string>());
        Assert.Null(await hub.Engine.GetInstanceAsync("kids/1"));
    }
}
