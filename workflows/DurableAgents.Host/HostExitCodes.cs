namespace DurableAgents.Host;

/// <summary>The host process's exit codes, so scripts and supervisors can tell a bad start from a crash.</summary>
public static class HostExitCodes
{
    /// <summary>Stopped normally (Ctrl+C, SIGTERM) or printed --help.</summary>
    public const int Success = 0;

    /// <summary>
    /// Did not start, and changed nothing: an endpoint cannot be listened on (port in use, not allowed, not an address
    /// of this machine) or a setting is invalid. Standard error has one line saying which setting to change.
    /// </summary>
    public const int CannotStart = 2;
}
