namespace DurableAgents.Sagas;

/// <summary>How one compensation ended.</summary>
/// <param name="Activity">The compensating activity.</param>
/// <param name="Description">What it undoes.</param>
/// <param name="Succeeded">True when the activity completed (possibly after retries).</param>
public sealed record CompensationOutcome(string Activity, string Description, bool Succeeded)
{
    /// <summary>The last failure's message when it did not succeed.</summary>
    public string? Error { get; init; }
}
