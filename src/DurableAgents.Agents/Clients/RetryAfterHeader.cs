namespace DurableAgents.Agents;

/// <summary>Reads the Retry-After header a throttled provider may send.</summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(HttpResponseMessage response, TimeProvider timeProvider) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when date > timeProvider.GetUtcNow() => date - timeProvider.GetUtcNow(),
            _ => null,
        };
}
