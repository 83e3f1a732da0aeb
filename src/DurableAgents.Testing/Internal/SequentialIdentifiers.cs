using System.Globalization;

namespace DurableAgents.Testing.Internal;

/// <summary>
/// The ids the engine chooses itself in the test host (instance ids of starts without one, execution ids): a counter,
/// so the same test gives the same ids and histories on every run. Formatted as 32 hex digits like the engine's GUIDs.
/// </summary>
internal sealed class SequentialIdentifiers
{
    private long _last;

    public string Next() => Interlocked.Increment(ref _last).ToString("x32", CultureInfo.InvariantCulture);
}
