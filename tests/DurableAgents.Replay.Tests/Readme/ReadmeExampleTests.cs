using Microsoft.DurableTask;
using System.Text.RegularExpressions;
using DurableAgents.Approvals;
using Microsoft.DurableTask.Client;
using DurableAgents.Testing;

namespace DurableAgents.Replay.Tests.Readme;

/// <summary>The README's example orchestrator is this project's PublishArticle.cs: it compiles, runs, and stays in sync.</summary>
public partial class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_IsTheCompiledPublishArticleFile()
    {
        string root = RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        string block = ExampleBlock().Match(readme).Groups[1].Value;
        string source = File.ReadAllText(Path.Combine(root, "tests", "DurableAgents.Replay.Tests", "Readme", "PublishArticle.cs"))
            .ReplaceLineEndings("\n")
            .Replace("namespace DurableAgents.Replay.Tests.Readme;\n\n", string.Empty, StringComparison.Ordinal);

        Assert.False(string.IsNullOrEmpty(block), "README.md has no '## An orchestrator' C# block.");
        Assert.Equal(block, source);
    }

    [Theory]
    [InlineData(true, "published at https://example.test/")]
    [InlineData(false, "not published: Rejected by ana")]
    public async Task PublishArticle_ApprovalAnswered_CompletesAsTheReadmeSays(bool approved, string expectedPrefix)
    {
        var published = new List<string>();
        await using var host = DurableTaskTestHost.Start(r => r
            .AddOrchestrator<PublishArticle>()
            .AddActivityFunc<string, string>("Draft", (_, topic) => $"draft of {topic}")
            .AddActivityFunc<string, string>("Publish", (_, draft) =>
            {
                published.Add(draft);
                return $"https://example.test/{published.Count}";
            }));

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("PublishArticle", "durable agents");
        OrchestrationMetadata waiting = (await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
        Assert.Contains("waitingForApproval", waiting.SerializedCustomStatus, StringComparison.Ordinal);

        await host.Client.RaiseEventAsync(id, ApprovalContextExtensions.GetEventName("publish"), new ApprovalDecision(approved, "ana"));
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.StartsWith(expectedPrefix, done.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Equal(approved ? ["draft of durable agents (short)"] : [], published);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DurableAgents.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("DurableAgents.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"## An orchestrator\n\n```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ExampleBlock();
}
