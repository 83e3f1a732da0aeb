using System.Net;
using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Errors;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Tests.Backends;

public sealed class ManagementErrorMapperTests
{
    private const string Api = "the HTTP API at http://127.0.0.1:8080/";

    [Fact]
    public void ReadProblem_Rfc7807Body_GivesSlugAndDetail()
    {
        (string? type, string? detail) = ManagementErrorMapper.ReadProblem(
            """{"type":"urn:durableagents:problem:instance-terminal","title":"Instance finished","status":410,"detail":"Instance 'x' is Completed."}""");

        Assert.Equal(("instance-terminal", "Instance 'x' is Completed."), (type, detail));
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html>not found</html>")]
    [InlineData("[1]")]
    public void ReadProblem_NotAProblem_GivesNulls(string body)
    {
        Assert.Equal((null, null), ManagementErrorMapper.ReadProblem(body));
    }

    [Fact]
    public void ToException_InstanceNotFound_IsTheClientsException()
    {
        Exception error = ManagementErrorMapper.ToException(HttpStatusCode.NotFound, "instance-not-found", "gone", Api, "i1");

        Assert.Equal("i1", Assert.IsType<InstanceNotFoundException>(error).InstanceId);
    }

    [Fact]
    public void ToException_BadRequest_IsUsageError()
    {
        Exception error = ManagementErrorMapper.ToException(HttpStatusCode.BadRequest, "malformed-json", "The body is not JSON.", Api, null);

        Assert.Contains("The body is not JSON.", Assert.IsType<CliUsageException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToException_Unauthorized_SaysHowToPassTheKey()
    {
        Exception error = ManagementErrorMapper.ToException(HttpStatusCode.Unauthorized, "unauthorized", "no API key was presented", Api, null);

        Assert.Contains("--api-key", Assert.IsType<UnauthorizedAccessException>(error).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToException_OtherStatusWithoutBody_NamesTheStatus()
    {
        Exception error = ManagementErrorMapper.ToException(HttpStatusCode.NotFound, null, null, Api, "i1");

        var apiError = Assert.IsType<ManagementApiException>(error);
        Assert.Equal(HttpStatusCode.NotFound, apiError.StatusCode);
        Assert.Contains("answered 404", apiError.Message, StringComparison.Ordinal);
    }
}
