using System.ComponentModel;
using System.Diagnostics;

namespace DurableAgents.Dashboard.Tests.Browser;

/// <summary>
/// What the browser tests need besides .NET, installed by the tests themselves so that `dotnet test` is enough:
/// Playwright's client library from tests/browser/package-lock.json (<c>npm ci</c>, only when node_modules lacks it;
/// Playwright never downloads a browser) and Debian's <c>chromium</c> package (<c>apt-get install -y chromium</c>, only
/// when /usr/bin/chromium is missing; <c>apt-get update</c> first when apt does not know the package yet). Both steps
/// are skipped in a few microseconds when already done.
/// </summary>
internal static class BrowserTooling
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>The tests/browser folder of the repository this test assembly was built from.</summary>
    public static string Directory { get; } = FindDirectory();

    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            await EnsureChromiumAsync();
            await EnsurePlaywrightAsync();
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Runs <c>node script args</c> in tests/browser to completion.</summary>
    public static Task<ToolRun> RunScriptAsync(string script, IEnumerable<string> arguments, TimeSpan timeout) =>
        RunAsync("node", [script, .. arguments], timeout);

    private static async Task EnsureChromiumAsync()
    {
        if (File.Exists(ChromiumPath))
        {
            return;
        }

        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get"))
        {
            throw new InvalidOperationException(
                $"The browser tests drive Debian's chromium at {ChromiumPath}, which is missing, and apt-get is not available to install it. Install chromium (Debian/Ubuntu: 'apt-get install -y chromium').");
        }

        ToolRun install = await AptInstallAsync();
        if (install.ExitCode != 0)
        {
            // A fresh container has no package lists yet: apt does not know the package until they are read.
            ToolRun update = await RunAsync("apt-get", ["update"], TimeSpan.FromMinutes(5));
            if (update.ExitCode != 0)
            {
                throw new InvalidOperationException($"'apt-get update' failed (exit code {update.ExitCode}); chromium cannot be installed.\n{update.StandardError}");
            }

            install = await AptInstallAsync();
        }

        if (install.ExitCode != 0 || !File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"'apt-get install -y chromium' failed (exit code {install.ExitCode}); the browser tests need it (and root, or an image with chromium installed).\n{install.StandardError}\n{install.StandardOutput}");
        }
    }

    private static Task<ToolRun> AptInstallAsync() =>
        RunAsync("apt-get", ["install", "-y", "chromium"], TimeSpan.FromMinutes(10));

    private static async Task EnsurePlaywrightAsync()
    {
        if (File.Exists(Path.Combine(Directory, "node_modules", "playwright-core", "package.json")))
        {
            return;
        }

        ToolRun install = await RunAsync(OperatingSystem.IsWindows() ? "npm.cmd" : "npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'npm ci' in {Directory} failed (exit code {install.ExitCode}); the browser tests need playwright-core from the npm registry.\n{install.StandardError}\n{install.StandardOutput}");
        }
    }

    private static async Task<ToolRun> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
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

        // Playwright's client library is all the tests take from npm: no browser download, whatever the package says.
        info.Environment["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1";
        info.Environment["DEBIAN_FRONTEND"] = "noninteractive";

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"'{fileName}' did not start.");
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException(
                $"Could not run '{fileName}': {error.Message}. The browser tests need Node.js (20 or later) and npm on the PATH.", error);
        }

        using (process)
        {
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

            return new ToolRun(process.ExitCode, await output, await error);
        }
    }

    private static string FindDirectory()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tests", "browser");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/browser was not found above {AppContext.BaseDirectory}; run the tests from a clone of the repository.");
    }
}
