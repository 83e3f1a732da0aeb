namespace DurableAgents.TaskHub.Internal;

/// <summary>Work handed to a connection under a completion token until it is completed, abandoned or expires.</summary>
internal abstract class Lease(string token, WorkerConnection connection, DateTime expiresAt)
{
    public string Token { get; } = token;

    public WorkerConnection Connection { get; } = connection;

    public DateTime ExpiresAt { get; } = expiresAt;

    /// <summary>This lease's place in its expiry list, so ending it is O(1).</summary>
    public LinkedListNode<Lease>? ExpiryNode { get; set; }
}
