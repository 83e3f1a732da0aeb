using DurableAgents.Approvals;
using Microsoft.DurableTask;

namespace DurableAgents.Cli.Tests.Infrastructure;

/// <summary>The tiny orchestrations the CLI tests drive on a real worker.</summary>
internal static class TestOrchestrations
{
    public const string Hello = "Hello";
    public const string Fails = "Fails";
    public const string WaitsForGo = "WaitsForGo";
    public const string NeedsApproval = "NeedsApproval";
    public const string GoEvent = "go";
    public const string ApprovalName = "publish";
    public const string FailureMessage = "the printer is on fire";

    public static void Register(DurableTaskRegistry registry)
    {
        registry
            .AddActivityFunc<string, string>("Greet", (_, name) => $"Hello, {name}!")
            .AddActivityFunc<string, string>("Explode", string (TaskActivityContext _, string message) => throw new InvalidOperationException(message))
            .AddOrchestratorFunc<Person, string>(Hello, async (context, person) =>
            {
                string first = await context.CallActivityAsync<string>("Greet", person.Name);
                string second = await context.CallActivityAsync<string>("Greet", person.Name + " again");
                return $"{first} {second}";
            })
            .AddOrchestratorFunc<string, string>(Fails, async (context, _) =>
                await context.CallActivityAsync<string>("Explode", FailureMessage))
            .AddOrchestratorFunc<string, string>(WaitsForGo, async (context, _) =>
            {
                Go go = await context.WaitForExternalEvent<Go>(GoEvent);
                return $"went {go.Speed}";
            })
            .AddOrchestratorFunc<string, string>(NeedsApproval, async (context, _) =>
            {
                ApprovalResult answer = await context.WaitForApprovalAsync(ApprovalName, TimeSpan.FromHours(1), new { title = "release notes" });
                return $"{answer.Outcome} by {answer.Approver ?? "nobody"}: {answer.Comment ?? "-"}";
            });
    }

    internal sealed record Person(string Name);

    internal sealed record Go(string Speed);
}
