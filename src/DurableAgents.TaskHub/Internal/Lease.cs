namespace DurableAgents.TaskHub.Internal;

/// <summary>Work handed to a connection under a completion token until it is completed, abandoned or expires.</summary>
internal abstract class Lease(string token, WorkerConnection connection, DateTime expiresAt)
{
    public string Token { get; } = token;

    public WorkerConnection Connection { get; } = connection;

    public DateTime ExpiresAt { get; } = expiresAt;
}
