using System.Text.Json.Nodes;
using DurableAgents.Approvals;
using Microsoft.DurableTask;

namespace DurableAgents.Management.Tests.Infrastructure;

/// <summary>The orchestrators and activities the management tests drive through the API.</summary>
internal static class TestOrchestrations
{
    public const string Hello = "Hello";
    public const string Echo = "Echo";
    public const string WaitForGo = "WaitForGo";
    public const string Fail = "Fail";
    public const string Publish = "Publish";
    public const string PublishThenMoveOn = "PublishThenMoveOn";
    public const string Greet = "Greet";
    public const string ApprovalName = "publish";

    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromHours(1);

    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddActivityFunc<string, string>("SayHello", (_, name) => $"Hello {name}");
        registry.AddOrchestratorFunc<string, string>(Hello, (context, name) => context.CallActivityAsync<string>("SayHello", name));
        registry.AddOrchestratorFunc<GreetingRequest, string>(Greet, (_, request) => Task.FromResult($"{string.Concat(Enumerable.Repeat("Hello ", request.Times))}{request.Name}"));
        registry.AddOrchestratorFunc<JsonNode?, JsonNode?>(Echo, (_, input) => Task.FromResult(input));
        registry.AddOrchestratorFunc<JsonNode?, JsonNode?>(WaitForGo, (context, _) => context.WaitForExternalEvent<JsonNode?>("go"));
        registry.AddOrchestratorFunc<JsonNode?, string>(Fail, (_, _) => Task.FromException<string>(new InvalidOperationException("boom")));
        registry.AddOrchestratorFunc<JsonNode?, ApprovalResult>(Publish, (context, input) =>
            context.WaitForApprovalAsync(ApprovalName, ApprovalTimeout, new { title = input?["title"]?.GetValue<string>() }));

        // Publishes a status of its own after the answer, so the instance's status no longer mentions the approval.
        registry.AddOrchestratorFunc<JsonNode?, string>(PublishThenMoveOn, async (context, _) =>
        {
            ApprovalResult answer = await context.WaitForApprovalAsync(ApprovalName, ApprovalTimeout);
            context.SetCustomStatus(new { phase = "published" });
            return answer.Outcome.ToString();
        });
    }
}

/// <summary>The typed input of <see cref="TestOrchestrations.Greet"/>: a required name, optional members with defaults.</summary>
internal sealed record GreetingRequest(string Name, int Times = 1)
{
    public string? Note { get; init; }
}
