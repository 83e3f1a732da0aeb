using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using DurableAgents.Integration.Tests.Infrastructure;

namespace DurableAgents.Integration.Tests.Interop;

/// <summary>A long-running Node.js script: read its output line by line; closing stdin asks it to stop.</summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _errors = new();

    private NodeProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else
            {
                _lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_errors)
                {
                    _errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static NodeProcess Start(ProcessStartInfo info) => new(InteropJs.StartProcess(info));

    /// <summary>Waits until the script prints <paramref name="expected"/>; fails with its stderr if it exits first.</summary>
    public async Task WaitForLineAsync(string expected)
    {
        using var timeout = new CancellationTokenSource(TestDeadline.Duration);
        try
        {
            await foreach (string line in _lines.Reader.ReadAllAsync(timeout.Token))
            {
                if (line.Trim() == expected)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"The Node.js script did not print '{expected}' within {TestDeadline.Duration.TotalSeconds} s. stderr:\n{Errors}");
        }

        throw new InvalidOperationException($"The Node.js script ended before printing '{expected}'. stderr:\n{Errors}");
    }

    private string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
