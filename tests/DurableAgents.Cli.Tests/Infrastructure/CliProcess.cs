using System.Diagnostics;

namespace DurableAgents.Cli.Tests.Infrastructure;

/// <summary>
/// Runs the built <c>durableagents</c> executable as its own process with standard output and error redirected, as a
/// pipe or a file receives them, with the environment given (the machine's DURABLEAGENTS_* variables removed).
/// </summary>
internal static class CliProcess
{
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliAssembly());
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (string name in start.Environment.Keys.Where(n => n.StartsWith("DURABLEAGENTS_", StringComparison.Ordinal) || n == "NO_COLOR").ToArray())
        {
            start.Environment.Remove(name);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("durableagents did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync(Deadline.Token());
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>The CLI's own build output (its deps.json resolves its dependencies), in the tests' configuration.</summary>
    private static string CliAssembly()
    {
        DirectoryInfo? testProject = new(AppContext.BaseDirectory);
        while (testProject is not null && !File.Exists(Path.Combine(testProject.FullName, "DurableAgents.Cli.Tests.csproj")))
        {
            testProject = testProject.Parent;
        }

        if (testProject?.Parent?.Parent is not { } root)
        {
            throw new InvalidOperationException("DurableAgents.Cli.Tests.csproj not found above " + AppContext.BaseDirectory);
        }

        string outputPath = Path.GetRelativePath(testProject.FullName, AppContext.BaseDirectory);
        return Path.Combine(root.FullName, "tools", "DurableAgents.Cli", outputPath, "durableagents.dll");
    }

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
}
