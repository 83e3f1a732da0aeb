using Microsoft.DurableTask;
namespace DurableAgents.Integration.Tests.Infrastructure;

/// <summary>The orchestrators and activities the end-to-end tests run on a real worker.</summary>
internal static class TestTasks
{
    public const string Greeter = "Greeter";
    public const string AwaitApproval = "AwaitApproval";
    public const string FailingActivity = "FailingActivity";
    public const string Parent = "Parent";
    public const string WaitsForever = "WaitsForever";
    public const string Echo = "Echo";
    public const string WaitingStatus = "\"waiting\"";

    /// <summary>The instance id a <see cref="Parent"/> instance gives its child.</summary>
    public static string ChildOf(string parentInstanceId) => parentInstanceId + "-child";

    public static void Register(DurableTaskRegistry registry)
    {
        registry
            .AddActivityFunc<string, string>("Greet", (_, name) => $"Hello, {name}!")
            .AddActivityFunc<string, string>("Fail", string (TaskActivityContext _, string message) => throw new InvalidOperationException(message))
            .AddOrchestratorFunc<string, string>(Greeter, async (context, name) =>
            {
                string first = await context.CallActivityAsync<string>("Greet", name);
                string second = await context.CallActivityAsync<string>("Greet", name + " again");
                return $"{first} {second}";
            })
            .AddOrchestratorFunc<string, string>(AwaitApproval, async (context, _) =>
            {
                context.SetCustomStatus("waiting");
                string approver = await context.WaitForExternalEvent<string>("approval");
                context.SetCustomStatus("done");
                return $"approved by {approver}";
            })
            .AddOrchestratorFunc<string, string>(FailingActivity, async (context, message) =>
                await context.CallActivityAsync<string>("Fail", message))
            .AddOrchestratorFunc<string, string>(Parent, async (context, _) =>
            {
                context.SetCustomStatus("waiting");
                return await context.CallSubOrchestratorAsync<string>(
                    WaitsForever, null, new SubOrchestrationOptions(instanceId: ChildOf(context.InstanceId)));
            })
            .AddOrchestratorFunc<string, string>(WaitsForever, async (context, _) =>
            {
                context.SetCustomStatus("waiting");
                return await context.WaitForExternalEvent<string>("never");
            })
            .AddOrchestratorFunc<string, string>(Echo, (_, input) => Task.FromResult(input));
    }
}
