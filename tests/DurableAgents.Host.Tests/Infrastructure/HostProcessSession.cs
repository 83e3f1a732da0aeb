using System.Collections.Concurrent;
using System.Diagnostics;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// The host executable running as its own process for as long as a test needs it, with every line it writes to
/// standard output kept, so a test reads the console log exactly as a user sees it. Disposing kills the process.
/// </summary>
internal sealed class HostProcessSession : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private HostProcessSession(Process process)
    {
        _process = process;
    }

    /// <summary>The standard output lines written so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    public static HostProcessSession Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
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
        foreach (string name in start.Environment.Keys.Where(n => n.StartsWith("DURABLEAGENTS_", StringComparison.OrdinalIgnoreCase) || n.Contains("__", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(name);
        }

        var process = new Process { StartInfo = start };
        var session = new HostProcessSession(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                session._lines.Enqueue(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                session._lines.Enqueue("stderr: " + e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return session;
    }

    /// <summary>Waits until a line matching <paramref name="match"/> was written; fails after the deadline or when the host exits.</summary>
    public Task<string> WaitForLineAsync(Func<string, bool> match, string what) =>
        Deadline.UntilAsync(
            () =>
            {
                string? line = _lines.FirstOrDefault(match);
                if (line is null && _process.HasExited)
                {
                    throw new InvalidOperationException(
                        $"The host exited ({_process.ExitCode}) before {what}. Its output:{Environment.NewLine}{string.Join(Environment.NewLine, _lines)}");
                }

                return Task.FromResult(line);
            },
            what);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
