using System.Diagnostics;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// Runs the host executable (the DurableAgents.Host.dll built next to the tests) as its own process, as a user starts
/// it, and collects its exit code and output. A process still running at the deadline is killed and reported.
/// </summary>
internal static class HostProcess
{
    public static async Task<ProcessResult> RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DurableAgents.Host.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The machine's own settings must not reach the host under test.
        foreach (string name in start.Environment.Keys.Where(IsHostSetting).ToArray())
        {
            start.Environment.Remove(name);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("The host process did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync(Deadline.Token());
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException(
                $"The host was still running after {Deadline.Duration.TotalSeconds} s; it should have exited.{Environment.NewLine}--- out ---{Environment.NewLine}{await output}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private static bool IsHostSetting(string name) =>
        name.StartsWith("DURABLEAGENTS_", StringComparison.OrdinalIgnoreCase) ||
        name.Contains("__", StringComparison.Ordinal) ||
        name is "ASPNETCORE_URLS" or "ASPNETCORE_ENVIRONMENT" or "DOTNET_ENVIRONMENT";

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
}
