using System.Diagnostics;

namespace DurableAgents.TaskHub;

/// <summary>
/// The official client's <c>create_orchestration:{name}</c> Producer span, emitted by the in-process client too, so an
/// instance started over the HTTP API joins the request's trace as one started with the official gRPC client does.
/// </summary>
internal static class ClientStartSpan
{
    // The official SDK's source name: one subscription collects the client, worker and executor spans of either stack.
    private static readonly ActivitySource Source = new("Microsoft.DurableTask");

    /// <summary>
    /// Starts the span under the caller's current span and returns the trace context the new instance records as its
    /// parent (the caller tags the instance id once the engine chose it); with nobody listening, the caller's own span (if any) is the parent.
    /// </summary>
    public static (Activity? Span, History.TraceContext? Parent) Start(string name, string? version)
    {
        Activity? span = Source.StartActivity(string.IsNullOrEmpty(version) ? $"create_orchestration:{name}" : $"create_orchestration:{name}@({version})", ActivityKind.Producer);
        if (span is not null)
        {
            span.SetTag("durabletask.type", "orchestration");
            span.SetTag("durabletask.task.name", name);
            if (!string.IsNullOrEmpty(version))
            {
                span.SetTag("durabletask.task.version", version);
            }
        }

        Activity? parent = span ?? Activity.Current;
        return (span, parent is { IdFormat: ActivityIdFormat.W3C, Id: { } id } ? new History.TraceContext(id, parent.TraceStateString) : null);
    }
}
