namespace DurableAgents.Storage.DynamoDb;

/// <summary>
/// A commit request does not fit DynamoDB's limits (400 KB per item, 100 items or 4 MB per transaction). It is thrown
/// before anything of the batch is written, so the task hub is unchanged.
/// </summary>
public sealed class DynamoDbCommitTooLargeException : InvalidOperationException
{
    /// <summary>Creates the exception with a message that says which limit was passed and by what.</summary>
    public DynamoDbCommitTooLargeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DynamoDbCommitTooLargeException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public DynamoDbCommitTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
