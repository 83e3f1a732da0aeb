using System.Net;
using System.Text.Json;
using DurableAgents.Cli.Errors;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Backends;

/// <summary>The one place where the management API's error answers become the exceptions the commands report.</summary>
internal static class ManagementErrorMapper
{
    private const string ProblemTypePrefix = "urn:durableagents:problem:";

    public static async Task<Exception> ToExceptionAsync(HttpResponseMessage response, string description, string? instanceId, CancellationToken cancellation)
    {
        string text = await response.Content.ReadAsStringAsync(cancellation);
        (string? problemType, string? detail) = ReadProblem(text);
        return ToException(response.StatusCode, problemType, detail, description, instanceId);
    }

    public static Exception ToException(HttpStatusCode status, string? problemType, string? detail, string description, string? instanceId)
    {
        string message = detail ?? $"{description} answered {(int)status} {status}. Is the address the DurableAgents sidecar's HTTP base URL?";
        return (status, problemType) switch
        {
            (HttpStatusCode.NotFound, "instance-not-found") when instanceId is not null => new InstanceNotFoundException(instanceId),
            (HttpStatusCode.BadRequest, _) => new CliUsageException($"{description} refused the request: {message}"),
            (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, _) => new UnauthorizedAccessException(
                $"{description} refused the call: {message} Pass --api-key or set DURABLEAGENTS_API_KEY."),
            _ => new ManagementApiException(status, problemType, message),
        };
    }

    /// <summary>The problem slug (after the URN prefix) and detail of an RFC 7807 body; nulls when the body is not one.</summary>
    public static (string? ProblemType, string? Detail) ReadProblem(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            string? type = root.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            string? detail = root.TryGetProperty("detail", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString()
                : root.TryGetProperty("title", out JsonElement title) && title.ValueKind == JsonValueKind.String ? title.GetString() : null;
            string? slug = type is not null && type.StartsWith(ProblemTypePrefix, StringComparison.Ordinal) ? type[ProblemTypePrefix.Length..] : type;
            return (slug, detail);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}
