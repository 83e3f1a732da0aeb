using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Management.Http;

/// <summary>
/// A request that cannot be served, described as an RFC 7807 problem. Thrown by parsers, validators and handlers;
/// <see cref="ManagementExceptionFilter"/> turns it into the response.
/// </summary>
internal sealed class ManagementProblemException(int status, string problemType, string title, string detail, string? field = null)
    : Exception(detail)
{
    /// <summary>The HTTP status code.</summary>
    public int Status { get; } = status;

    /// <summary>A short slug naming the kind of problem; the "type" member is <c>urn:durableagents:problem:{slug}</c>.</summary>
    public string ProblemType { get; } = problemType;

    /// <summary>A short, human-readable summary.</summary>
    public string Title { get; } = title;

    /// <summary>The request field at fault (query parameter, route value or body member), if one is.</summary>
    public string? Field { get; } = field;

    /// <summary>Builds the problem response for <paramref name="http"/>.</summary>
    public ProblemHttpResult ToResult(HttpContext http) => Problems.Create(http, Status, ProblemType, Title, Message, Field);

    /// <summary>Sets response headers the problem needs (none by default).</summary>
    public Action<HttpResponse>? DecorateResponse { get; init; }
}
