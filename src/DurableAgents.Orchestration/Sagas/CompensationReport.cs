namespace DurableAgents.Sagas;

/// <summary>What <see cref="CompensationScope.CompensateAsync"/> did, in the order it ran (newest side effect first).</summary>
/// <param name="Steps">One outcome per compensation.</param>
public sealed record CompensationReport(IReadOnlyList<CompensationOutcome> Steps)
{
    /// <summary>True when every compensation succeeded (also when there was none).</summary>
    public bool AllSucceeded => Steps.All(s => s.Succeeded);

    /// <summary>One line: each compensation and how it ended, in the order they ran.</summary>
    public string Summary => Steps.Count == 0
        ? "nothing to compensate"
        : string.Join("; ", Steps.Select(s => s.Succeeded ? $"{s.Description}: done" : $"{s.Description}: FAILED ({s.Error})"));
}
