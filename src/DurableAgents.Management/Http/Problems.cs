using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DurableAgents.Management.Http;

/// <summary>Builds the RFC 7807 problems the management API answers with.</summary>
internal static class Problems
{
    /// <summary>The prefix of every problem "type" URI.</summary>
    public const string TypePrefix = "urn:durableagents:problem:";

    public static ProblemHttpResult Create(HttpContext http, int status, string problemType, string title, string detail, string? field = null)
    {
        var problem = new ProblemDetails
        {
            Type = TypePrefix + problemType,
            Title = title,
            Status = status,
            Detail = detail,
            Instance = http.Request.PathBase.Add(http.Request.Path).Value,
        };
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return TypedResults.Problem(problem);
    }

    public static ManagementProblemException Invalid(string field, string detail) =>
        new(StatusCodes.Status400BadRequest, "invalid-request", "Invalid request", detail, field);

    public static ManagementProblemException MalformedJson(string field, string detail) =>
        new(StatusCodes.Status400BadRequest, "malformed-json", "Malformed JSON", detail, field);

    public static ManagementProblemException InstanceNotFound(string instanceId) =>
        new(StatusCodes.Status404NotFound, "instance-not-found", "Instance not found",
            $"No orchestration instance with id '{instanceId}' exists. Check the id, or list instances with GET instances.", "instanceId");

    public static ManagementProblemException InstanceGone(string instanceId, OrchestrationStatus status, string operation) =>
        new(StatusCodes.Status410Gone, "instance-terminal", "Instance finished",
            $"Instance '{instanceId}' is {status}; it can no longer {operation}. Restart it (POST instances/{{id}}/restart) to run it again.", "instanceId");

    public static ManagementProblemException InstanceExists(string instanceId, OrchestrationStatus status) =>
        new(StatusCodes.Status409Conflict, "instance-exists", "Instance already exists",
            $"An instance with id '{instanceId}' already exists and is {status}. Use another id, or wait until it finishes (or terminate it) before starting it again.", "instanceId");

    public static ManagementProblemException InstanceNotTerminal(string instanceId, OrchestrationStatus status) =>
        new(StatusCodes.Status412PreconditionFailed, "instance-not-terminal", "Instance not terminal",
            $"Instance '{instanceId}' is {status}; only Completed, Failed or Terminated instances can be purged. Terminate it first.", "instanceId");
}
