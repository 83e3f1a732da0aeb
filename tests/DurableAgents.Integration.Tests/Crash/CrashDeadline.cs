using DurableAgents.Integration.Tests.Infrastructure;

namespace DurableAgents.Integration.Tests.Crash;

/// <summary>Deadlines for the crash tests: minutes, since a restart on a busy 2-core machine may take a while.</summary>
internal static class CrashDeadline
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);

    /// <summary>Checks <paramref name="condition"/> until it holds; fails after <see cref="Duration"/>.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what) => TestDeadline.UntilAsync(condition, what, Duration);
}
