using System.Text.RegularExpressions;
using DurableAgents.Conformance.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DurableAgents.Conformance.Tests.Readme;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

/// <summary>The README's official-SDK example is the region below: it compiles, runs against the sidecar, and stays in sync.</summary>
public sealed partial class OfficialSdkReadmeExampleTests
{
    [Fact]
    public void ReadmeBlock_IsTheRegionThisTestRuns()
    {
        string root = RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        string block = ReadmeBlock().Match(readme).Groups[1].Value;
        string source = File.ReadAllText(Path.Combine(root, "tests", "DurableAgents.Conformance.Tests", "Readme", "OfficialSdkReadmeExampleTests.cs"))
            .ReplaceLineEndings("\n");
        string region = Region().Match(source).Groups[1].Value;

        Assert.False(string.IsNullOrEmpty(block), "README.md has no C# block under '## The official Durable Task SDK'.");
        Assert.Equal(block.TrimEnd('\n'), Unindent(region));
    }

    [Fact]
    public async Task ReadmeExample_OnTheSidecarWithDefaults_GreetsThroughTheActivity()
    {
        using var directory = new TempDirectory();
        await using SidecarHost sidecarHost = await SidecarHost.StartAsync(directory.File("readme.db"));
        string sidecar = sidecarHost.GrpcAddress.ToString();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });

        // README:begin
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(r => r
                .AddOrchestratorFunc<string, string>("Greet", (context, name) => context.CallActivityAsync<string>("SayHello", name))
                .AddActivityFunc<string, string>("SayHello", (context, name) => $"Hello, {name}!"))
            .UseGrpc(sidecar));
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(sidecar));
        // README:end

        using IHost host = builder.Build();
        await host.StartAsync(TestDeadline.Token());
        DurableTaskClient client = host.Services.GetRequiredService<DurableTaskClient>();
        string id = await client.ScheduleNewOrchestrationInstanceAsync("Greet", "world", TestDeadline.Token());
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());
        await host.StopAsync(TestDeadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello, world!", done.ReadOutputAs<string>());
    }

    private static string Unindent(string region) =>
        string.Join('\n', region.Split('\n').Select(line => line.StartsWith("        ", StringComparison.Ordinal) ? line[8..] : line.TrimStart()));

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DurableAgents.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("DurableAgents.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"## The official Durable Task SDK\n.*?```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ReadmeBlock();

    [GeneratedRegex(@"// README:begin\n(.*?)\s*// README:end", RegexOptions.Singleline)]
    private static partial Regex Region();
}
