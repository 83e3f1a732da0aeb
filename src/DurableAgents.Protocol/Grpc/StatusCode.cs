namespace DurableAgents.Protocol.Grpc;

/// <summary>gRPC status codes, numbered as in the gRPC specification.</summary>
public enum StatusCode
{
    /// <summary>The call succeeded.</summary>
    OK = 0,

    /// <summary>The call was cancelled, typically by the caller.</summary>
    Cancelled = 1,

    /// <summary>An unknown error, e.g. an exception the handler did not translate.</summary>
    Unknown = 2,

    /// <summary>The client sent an invalid argument.</summary>
    InvalidArgument = 3,

    /// <summary>The deadline expired before the call completed.</summary>
    DeadlineExceeded = 4,

    /// <summary>A requested entity was not found.</summary>
    NotFound = 5,

    /// <summary>The entity the client tried to create already exists.</summary>
    AlreadyExists = 6,

    /// <summary>The caller may not execute the operation.</summary>
    PermissionDenied = 7,

    /// <summary>A resource, such as the message size limit, is exhausted.</summary>
    ResourceExhausted = 8,

    /// <summary>The system is not in a state required for the operation.</summary>
    FailedPrecondition = 9,

    /// <summary>The operation was aborted, typically by a concurrency conflict.</summary>
    Aborted = 10,

    /// <summary>The operation was attempted past the valid range.</summary>
    OutOfRange = 11,

    /// <summary>The server does not implement the method.</summary>
    Unimplemented = 12,

    /// <summary>An internal invariant was broken.</summary>
    Internal = 13,

    /// <summary>The service is currently unavailable; retrying may help.</summary>
    Unavailable = 14,

    /// <summary>Unrecoverable data loss or corruption.</summary>
    DataLoss = 15,

    /// <summary>The request lacks valid authentication credentials.</summary>
    Unauthenticated = 16,
}
