using System.Text.Json.Nodes;
using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Errors;
using DurableAgents.History;

namespace DurableAgents.Cli.Commands;

/// <summary>
/// <c>history &lt;id&gt; --export &lt;file&gt;</c>: writes the instance's history in the golden-file format
/// (<see cref="HistoryJson"/>: one object per event with a "$type" discriminator, camelCase, indented), so a history
/// captured from a running sidecar can be committed and replayed as a regression test. Stack traces are left out, as
/// in the committed golden files: they hold the machine's source paths and do not take part in replay.
/// </summary>
internal static class HistoryExport
{
    /// <summary>The file name that writes the history to standard output instead of a file.</summary>
    public const string StandardOutput = "-";

    public static async Task<int> RunAsync(CommandInvocation run, string instanceId, string path, CancellationToken cancellation)
    {
        if (run.Backend is not IHistoryEventSource source)
        {
            throw new CliUsageException(
                $"--export needs the history records, which only the sidecar's gRPC endpoint serves; {run.Backend.Description} shows a summary. "
                + "Use --sidecar <address> instead of --http.");
        }

        IReadOnlyList<HistoryEvent> history = await source.GetHistoryEventsAsync(instanceId, cancellation);
        if (history.Count == 0)
        {
            throw new CliOperationException($"Instance '{instanceId}' has no history yet (it has not started); there is nothing to export.");
        }

        string json = Format(history);
        if (path == StandardOutput)
        {
            run.Output.WriteLine(json);
            return ExitCodes.Success;
        }

        string fullPath = Path.GetFullPath(path);
        try
        {
            await File.WriteAllTextAsync(fullPath, json + "\n", cancellation);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CliOperationException($"Could not write the history of '{instanceId}' to {fullPath}: {error.Message}", error);
        }

        if (run.Output.Json)
        {
            run.Output.WriteJson(new JsonObject { ["instanceId"] = instanceId, ["file"] = fullPath, ["events"] = history.Count });
        }
        else
        {
            run.Output.WriteLine($"Wrote {history.Count} history events of '{instanceId}' to {fullPath}.");
        }

        return ExitCodes.Success;
    }

    /// <summary>The golden-file text of <paramref name="history"/>.</summary>
    public static string Format(IEnumerable<HistoryEvent> history) => HistoryJson.SerializeHistory(history.Select(WithoutStackTraces));

    private static HistoryEvent WithoutStackTraces(HistoryEvent historyEvent) => historyEvent switch
    {
        TaskFailedEvent failed => failed with { FailureDetails = WithoutStackTraces(failed.FailureDetails)! },
        SubOrchestrationInstanceFailedEvent failed => failed with { FailureDetails = WithoutStackTraces(failed.FailureDetails)! },
        ExecutionCompletedEvent completed => completed with { FailureDetails = WithoutStackTraces(completed.FailureDetails) },
        _ => historyEvent,
    };

    private static FailureDetails? WithoutStackTraces(FailureDetails? details) =>
        details is null ? null : details with { StackTrace = null, InnerFailure = WithoutStackTraces(details.InnerFailure) };
}
