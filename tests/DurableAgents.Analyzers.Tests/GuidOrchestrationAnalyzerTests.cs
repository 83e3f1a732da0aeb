using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.DurableTask.Analyzers.Orchestration;

namespace DurableAgents.Analyzers.Tests;

// Orchestrator code is replayed, so a fresh random Guid differs on every replay. These tests pin that the
// official analyzer package still reports it (DURABLE0002), so the check cannot be dropped or switched off unnoticed.
public class GuidOrchestrationAnalyzerTests
{
    [Fact]
    public async Task GuidNewGuid_InTaskOrchestrator_ReportsDurable0002AtTheCall()
    {
        const string Source = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.DurableTask;

            public sealed class TaggingOrchestrator : TaskOrchestrator<string, string>
            {
                public override Task<string> RunAsync(TaskOrchestrationContext context, string input)
                {
                    Guid tag = {|#0:Guid.NewGuid()|};
                    return Task.FromResult(input + tag);
                }
            }
            """;
        var test = new OrchestrationAnalyzerTest<GuidOrchestrationAnalyzer>(Source);
        test.ExpectedDiagnostics.Add(new DiagnosticResult("DURABLE0002", DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithArguments("RunAsync", "Guid.NewGuid()", "TaggingOrchestrator"));

        await test.RunAsync();
    }
}
