using System.Net;

namespace DurableAgents.Cli.Backends;

/// <summary>The HTTP management API answered with an error status and (usually) an RFC 7807 problem.</summary>
internal sealed class ManagementApiException : Exception
{
    public ManagementApiException(HttpStatusCode statusCode, string? problemType, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ProblemType = problemType;
    }

    public ManagementApiException()
        : this(HttpStatusCode.InternalServerError, null, "The HTTP API answered with an error.")
    {
    }

    public ManagementApiException(string message)
        : this(HttpStatusCode.InternalServerError, null, message)
    {
    }

    public ManagementApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = HttpStatusCode.InternalServerError;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The problem slug after <c>urn:durableagents:problem:</c>, e.g. instance-not-found.</summary>
    public string? ProblemType { get; }
}
