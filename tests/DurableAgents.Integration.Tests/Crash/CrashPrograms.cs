using System.Diagnostics;

namespace DurableAgents.Integration.Tests.Crash;

/// <summary>
/// Where the built programs the crash tests run as child processes are: the sidecar executable (referenced by this
/// project, so it sits next to the tests) and the benchmark tool, whose <c>worker</c> sub-command is a worker process
/// with the crash-test tasks. The tool is used from next to the tests when this project references it; otherwise it is
/// built once per test run with this run's configuration (so it is never stale) and used from its own output folder.
/// </summary>
internal static class CrashPrograms
{
    private const string BenchmarksAssembly = "DurableAgents.Benchmarks.dll";
    private static readonly Lazy<Task<string>> Benchmarks = new(LocateBenchmarksAsync);

    /// <summary>The sidecar executable's assembly.</summary>
    public static string SidecarPath
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, "DurableAgents.Sidecar.dll");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The sidecar is not next to the tests at {path}; rebuild DurableAgents.Integration.Tests (it references DurableAgents.Sidecar).", path);
        }
    }

    /// <summary>The benchmark tool's assembly (built first when needed).</summary>
    public static Task<string> BenchmarksPathAsync() => Benchmarks.Value;

    private static async Task<string> LocateBenchmarksAsync()
    {
        string beside = Path.Combine(AppContext.BaseDirectory, BenchmarksAssembly);
        if (File.Exists(beside))
        {
            return beside;
        }

        // bin/<Configuration>/<framework>/ under the test project.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = output.Name;
        string configuration = output.Parent!.Name;
        string project = Path.Combine(RepositoryRoot(output), "tools", "DurableAgents.Benchmarks", "DurableAgents.Benchmarks.csproj");
        string built = Path.Combine(Path.GetDirectoryName(project)!, "bin", configuration, framework, BenchmarksAssembly);

        string failure = string.Empty;
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            // Another build may hold a shared output for a moment (file in use); a second attempt then succeeds.
            (int exitCode, string log) = await BuildAsync(project, configuration);
            if (exitCode == 0 && File.Exists(built))
            {
                return built;
            }

            failure = log;
        }

        throw new InvalidOperationException($"Could not build {project} for the crash tests' worker process:{Environment.NewLine}{failure}");
    }

    private static string RepositoryRoot(DirectoryInfo start)
    {
        for (DirectoryInfo? directory = start; directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DurableAgents.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No DurableAgents.sln above {start.FullName}; the crash tests run from the repository's build output.");
    }

    private static async Task<(int ExitCode, string Log)> BuildAsync(string project, string configuration)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "build", project, "-c", configuration, "--nologo", "-v", "q" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
