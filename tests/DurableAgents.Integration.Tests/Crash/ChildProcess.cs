using System.Diagnostics;
using System.Threading.Channels;

namespace DurableAgents.Integration.Tests.Crash;

/// <summary>
/// A built .NET program run as a real child process (<c>dotnet &lt;dll&gt; args</c>), so a test can kill it with SIGKILL as
/// a crash would. Its output is drained (a full pipe would stall it) and the last lines are kept for failure messages.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptLines = 60;

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly Channel<string> _standardOutput = Channel.CreateUnbounded<string>();

    private ChildProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>What the process is, for messages (e.g. "sidecar #2").</summary>
    public string Name { get; }

    /// <summary>Starts <c>dotnet <paramref name="assemblyPath"/> <paramref name="arguments"/></c>.</summary>
    public static ChildProcess Start(string name, string assemblyPath, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetPath())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
        };
        start.ArgumentList.Add(assemblyPath);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) =>
        {
            child.Keep(e.Data);
            if (e.Data is null)
            {
                child._standardOutput.Writer.TryComplete();
            }
            else
            {
                child._standardOutput.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for a line of standard output starting with <paramref name="prefix"/>.</summary>
    public async Task WaitForLineAsync(string prefix, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            while (true)
            {
                string line = await _standardOutput.Reader.ReadAsync(timeout.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new InvalidOperationException($"The {Name} process did not print '{prefix}' ({Describe()}).", e);
        }
    }

    /// <summary>SIGKILL to the process and its children: no shutdown code runs, as in a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Throws with the process's last output when it has exited on its own.</summary>
    public void ThrowIfExited()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"The {Name} process exited with code {_process.ExitCode} ({Describe()}).");
        }
    }

    /// <summary>The exit state and last output lines, for failure messages.</summary>
    public string Describe()
    {
        string state = _process.HasExited ? $"exited with code {_process.ExitCode}" : "running";
        lock (_lastLines)
        {
            return $"{state}; last output:{Environment.NewLine}{string.Join(Environment.NewLine, _lastLines)}";
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string DotnetPath()
    {
        string? current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }
}
