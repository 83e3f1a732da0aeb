namespace DurableAgents.Testing.Internal;

/// <summary>
/// Knows whether the current code runs inside an activity of the host's worker. The worker runs one work item at a time,
/// so an activity that called the client and then waited for the host to go idle would wait for itself: client calls
/// made from inside an activity return without waiting for idleness.
/// </summary>
internal sealed class ActivityScope
{
    private readonly AsyncLocal<bool> _inside = new();

    /// <summary>Whether the caller is inside an activity run by the host (flows through awaits).</summary>
    public bool IsActive => _inside.Value;

    /// <summary>Marks the current async flow as inside an activity until the result is disposed.</summary>
    public Exit Enter()
    {
        _inside.Value = true;
        return new Exit(this);
    }

    /// <summary>Ends the activity's scope.</summary>
    public readonly struct Exit(ActivityScope scope) : IDisposable
    {
        public void Dispose() => scope._inside.Value = false;
    }
}
