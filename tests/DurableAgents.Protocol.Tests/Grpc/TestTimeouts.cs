namespace DurableAgents.Protocol.Tests.Grpc;

/// <summary>Generous limits for waiting on conditions; they only matter when something is broken.</summary>
internal static class TestTimeouts
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public static Task<T> WithTimeout<T>(this Task<T> task) => task.WaitAsync(Wait);

    public static Task WithTimeout(this Task task) => task.WaitAsync(Wait);
}
