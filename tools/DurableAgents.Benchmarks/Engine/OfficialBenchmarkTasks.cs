namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// The hello5, fanout and approval tasks of <see cref="BenchmarkTasks"/> (same names, inputs, outputs and custom
/// status) for the official Microsoft.DurableTask worker run by <see cref="OfficialWorkerCommand"/>, so a workload
/// checks the same outputs whichever worker runs. The SDK types are named in full: inside namespace DurableAgents our
/// types of the same names (DurableTaskRegistry, TaskOrchestrationContext, ...) would win over a using.
/// </summary>
public static class OfficialBenchmarkTasks
{
    /// <summary>Registers the tasks; the lambdas' contexts are the SDK's, inferred from its registry's delegates.</summary>
    public static void Register(Microsoft.DurableTask.DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry
            .AddActivityFunc<string, string>(BenchmarkTasks.SayHello, (_, name) => $"Hello, {name}!")
            .AddOrchestratorFunc<string?, string>(BenchmarkTasks.Hello5, async (context, _) =>
            {
                var greetings = new string[BenchmarkTasks.Hello5Cities.Count];
                for (int i = 0; i < greetings.Length; i++)
                {
                    greetings[i] = await context.CallActivityAsync<string>(BenchmarkTasks.SayHello, BenchmarkTasks.Hello5Cities[i]);
                }

                return string.Join(' ', greetings);
            })
            .AddActivityFunc<int, int>(BenchmarkTasks.Number, (_, value) => value)
            .AddOrchestratorFunc<int, long>(BenchmarkTasks.Fanout, async (context, count) =>
            {
                var calls = new Task<int>[count];
                for (int i = 0; i < count; i++)
                {
                    calls[i] = context.CallActivityAsync<int>(BenchmarkTasks.Number, i);
                }

                int[] values = await Task.WhenAll(calls);
                return values.Sum(v => (long)v);
            })
            .AddOrchestratorFunc<string?, string>(BenchmarkTasks.Approval, async (context, _) =>
            {
                context.SetCustomStatus(BenchmarkTasks.ApprovalWaitingStatus);
                string approver = await context.WaitForExternalEvent<string>(BenchmarkTasks.ApprovalEvent);
                return $"approved by {approver}";
            });
    }
}
