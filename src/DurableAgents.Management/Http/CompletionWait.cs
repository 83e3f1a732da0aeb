using Microsoft.AspNetCore.Http;

namespace DurableAgents.Management.Http;

/// <summary>
/// How a start or restart waits for the instance: its <c>timeout</c> (null = answer 202 at once) and whether a failure
/// is answered 500 (<c>returnInternalServerErrorOnFailure</c>). Read in full before the instance is created, so a bad
/// value is refused while nothing has happened yet.
/// </summary>
internal sealed record CompletionWait(TimeSpan? Timeout, bool InternalServerErrorOnFailure)
{
    /// <summary>
    /// The longest <c>timeout</c> (and <c>pollingInterval</c>) accepted, in seconds: one hour. A request held open longer
    /// outlives most proxies and clients; follow the 202's statusQueryGetUri instead.
    /// </summary>
    public const int MaxTimeoutSeconds = 3600;

    /// <summary>Reads and checks <c>timeout</c>, <c>pollingInterval</c> and <c>returnInternalServerErrorOnFailure</c>.</summary>
    public static CompletionWait Read(HttpContext http)
    {
        TimeSpan? timeout = QueryReader.Seconds(http, "timeout", MaxTimeoutSeconds);
        TimeSpan? pollingInterval = QueryReader.Seconds(http, "pollingInterval", MaxTimeoutSeconds);
        if (timeout is not null && pollingInterval > timeout)
        {
            throw Problems.Invalid("pollingInterval",
                $"The pollingInterval ({pollingInterval.Value.TotalSeconds:0.###} s) must not exceed the timeout ({timeout.Value.TotalSeconds:0.###} s).");
        }

        // Completion is pushed by the client rather than polled, so pollingInterval only needs to be valid.
        bool failWith500 = QueryReader.Bool(http, "returnInternalServerErrorOnFailure", false);
        return new CompletionWait(timeout, failWith500);
    }
}
