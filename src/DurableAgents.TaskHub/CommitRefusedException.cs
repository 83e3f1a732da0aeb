using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub;

/// <summary>
/// The store refused a request it can never write (see <see cref="CommitOutcome.RefusedReason"/>), e.g. a start whose
/// input is larger than a DynamoDB item holds. Nothing was written. An <see cref="ArgumentException"/>, because what the
/// caller passed is what has to change: the gRPC service answers INVALID_ARGUMENT and the HTTP API 400, with the store's
/// message. Its full type name is also the error type of an orchestration or activity failed for the same reason.
/// </summary>
public sealed class CommitRefusedException : ArgumentException
{
    /// <summary>Creates the exception with the store's reason, which says which limit was passed and what to change.</summary>
    public CommitRefusedException(string reason)
        : base(reason)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CommitRefusedException()
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public CommitRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The error type recorded in the failure details of an orchestration or activity failed for this reason.</summary>
    public static string ErrorType { get; } = typeof(CommitRefusedException).FullName!;
}
