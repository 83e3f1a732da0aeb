using System.ComponentModel;
using System.Diagnostics;
using DurableAgents.Integration.Tests.Infrastructure;

namespace DurableAgents.Integration.Tests.Interop;

/// <summary>
/// The official durabletask-js SDK in tests/interop-js: installs its locked packages (<c>npm ci</c>) when
/// node_modules is missing, and runs its scripts with Node.js.
/// </summary>
internal static class InteropJs
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>The tests/interop-js folder of the repository this test assembly was built from.</summary>
    public static string Directory { get; } = FindDirectory();

    /// <summary>Runs <c>npm ci</c> once when the SDK is not installed; throws with what to do when npm is missing or fails.</summary>
    public static async Task EnsureInstalledAsync()
    {
        string sdk = Path.Combine(Directory, "node_modules", "@microsoft", "durabletask-js", "package.json");
        await InstallLock.WaitAsync();
        try
        {
            if (File.Exists(sdk))
            {
                return;
            }

            // The package declares node >= 22 but runs on Node 20 (see shared/protocol/WIRE_NOTES.md), hence --engine-strict=false.
            NodeRun install = await RunAsync(NpmExecutable, ["ci", "--engine-strict=false", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
            if (install.ExitCode != 0 || !File.Exists(sdk))
            {
                throw new InvalidOperationException(
                    $"'npm ci' in {Directory} failed (exit code {install.ExitCode}); the interop tests need the @microsoft/durabletask-js package from the npm registry.\n{install.StandardError}\n{install.StandardOutput}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs <c>node script args</c> in tests/interop-js to completion.</summary>
    public static async Task<NodeRun> RunScriptAsync(string script, params string[] arguments)
    {
        await EnsureInstalledAsync();
        return await RunAsync("node", [script, .. arguments], TestDeadline.Duration * 2);
    }

    /// <summary>Starts <c>node script args</c> in tests/interop-js and leaves it running.</summary>
    public static async Task<NodeProcess> StartScriptAsync(string script, params string[] arguments)
    {
        await EnsureInstalledAsync();
        return NodeProcess.Start(StartInfo("node", [script, .. arguments]));
    }

    internal static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    internal static Process StartProcess(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"'{info.FileName}' did not start.");
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException(
                $"Could not run '{info.FileName}': {error.Message}. The interop tests need Node.js (20 or later) and npm on the PATH; install them (e.g. 'apt-get install nodejs npm') and run the tests again.",
                error);
        }
    }

    private static string NpmExecutable => OperatingSystem.IsWindows() ? "npm.cmd" : "npm";

    private static async Task<NodeRun> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        using Process process = StartProcess(StartInfo(fileName, arguments));
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds} s.\nstdout: {await output}\nstderr: {await error}");
        }

        return new NodeRun(process.ExitCode, await output, await error);
    }

    private static string FindDirectory()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tests", "interop-js");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/interop-js was not found above {AppContext.BaseDirectory}; run the tests from a clone of the repository.");
    }
}
