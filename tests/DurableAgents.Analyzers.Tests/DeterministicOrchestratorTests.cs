using Microsoft.DurableTask.Analyzers.Orchestration;

namespace DurableAgents.Analyzers.Tests;

// The counterpart of the DURABLE0001/DURABLE0002 tests: the replay-safe replacements the context offers raise
// nothing, which shows those tests find the non-deterministic call and not merely any orchestrator.
public class DeterministicOrchestratorTests
{
    [Fact]
    public async Task ContextClockAndNewGuid_InTaskOrchestrator_ReportNoDiagnostics()
    {
        const string Source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.DurableTask;

            public sealed class ReplaySafeOrchestrator : TaskOrchestrator<string, string>
            {
                public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
                {
                    DateTime now = context.CurrentUtcDateTime;
                    Guid tag = context.NewGuid();
                    return Task.FromResult(input + now.Ticks + tag);
                }
            }
            """;
        var test = new OrchestrationAnalyzerTest<DateTimeOrchestrationAnalyzer>(Source);
        test.AlsoRun.Add(new GuidOrchestrationAnalyzer());

        await test.RunAsync();
    }
}
