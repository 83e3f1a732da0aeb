using System.Diagnostics;
using System.Threading.Channels;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// A sub-command of this executable running as its own process (<c>dotnet DurableAgents.Benchmarks.dll sidecar ...</c>),
/// spoken to with <see cref="ChildProtocol"/>. Its standard error is kept (last lines) for error messages.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private const int KeptErrorLines = 40;

    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Queue<string> _errors = new();
    private readonly string _name;
    private readonly SemaphoreSlim _requests = new(1, 1);

    private ChildProcess(Process process, string name)
    {
        _process = process;
        _name = name;
    }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    /// <summary>CPU time (user + system) the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Peak resident set size in bytes (VmHWM), or null when it cannot be read.</summary>
    public long? PeakResidentBytes => ProcessStatus.PeakResidentBytes(_process.Id);

    /// <summary>Starts <c>dotnet &lt;this assembly&gt; &lt;arguments&gt;</c> and waits for its READY line, whose details it returns.</summary>
    public static async Task<(ChildProcess Process, string Details)> StartAsync(string name, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                child._lines.Writer.TryComplete();
            }
            else
            {
                child._lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) => child.KeepError(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        string ready = await child.ReadLineAsync(ChildProtocol.Ready, timeout);
        return (child, ready[ChildProtocol.Ready.Length..].Trim());
    }

    /// <summary>Sends <paramref name="command"/> and returns the answer line.</summary>
    public async Task<string> RequestAsync(string command, TimeSpan timeout)
    {
        await _requests.WaitAsync();
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync();
            return await ReadLineAsync(string.Empty, timeout);
        }
        finally
        {
            _requests.Release();
        }
    }

    /// <summary>Kills the process and its children at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Asks the process to stop (its input ends) and waits; kills it when it does not stop within 15 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.StandardInput.Close();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }
            }
        }

        _process.Dispose();
        _requests.Dispose();
    }

    private async Task<string> ReadLineAsync(string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                string line = await _lines.Reader.ReadAsync(cancel.Token);
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            string reason = e is OperationCanceledException ? $"did not answer within {timeout.TotalSeconds:F0} s" : "exited";
            throw new InvalidOperationException(
                $"The {_name} process {reason}. Its last error output:{Environment.NewLine}{string.Join(Environment.NewLine, LastErrors())}", e);
        }
    }

    private void KeepError(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_errors)
        {
            _errors.Enqueue(line);
            if (_errors.Count > KeptErrorLines)
            {
                _errors.Dequeue();
            }
        }
    }

    private string[] LastErrors()
    {
        lock (_errors)
        {
            return [.. _errors];
        }
    }
}
