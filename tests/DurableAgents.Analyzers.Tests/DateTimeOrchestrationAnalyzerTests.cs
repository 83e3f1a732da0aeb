using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.DurableTask.Analyzers.Orchestration;

namespace DurableAgents.Analyzers.Tests;

// Orchestrator code is replayed, so reading the wall clock in it breaks determinism. These tests pin that the
// official analyzer package still reports it (DURABLE0001), so the check cannot be dropped or switched off unnoticed.
public class DateTimeOrchestrationAnalyzerTests
{
    [Fact]
    public async Task DateTimeNow_InTaskOrchestrator_ReportsDurable0001AtTheRead()
    {
        const string Source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.DurableTask;

            public sealed class StampingOrchestrator : TaskOrchestrator<string, string>
            {
                public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
                {
                    DateTime now = {|#0:DateTime.Now|};
                    return Task.FromResult(input + now.Ticks);
                }
            }
            """;
        var test = new OrchestrationAnalyzerTest<DateTimeOrchestrationAnalyzer>(Source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("DURABLE0001", DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments("RunAsync", "System.DateTime.Now", "StampingOrchestrator"));

        await test.RunAsync();
    }
}
