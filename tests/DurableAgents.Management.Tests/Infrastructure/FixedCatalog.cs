namespace DurableAgents.Management.Tests.Infrastructure;

/// <summary>A catalog with a fixed answer, standing in for the engine's view of connected workers.</summary>
internal sealed class FixedCatalog(IReadOnlyCollection<string>? names) : IOrchestratorCatalog
{
    public int Calls { get; private set; }

    public bool TryGetKnownNames(out IReadOnlyCollection<string> known)
    {
        Calls++;
        known = names ?? [];
        return names is not null;
    }
}
