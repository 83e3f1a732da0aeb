using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DurableAgents.Management.Tests.Infrastructure;

/// <summary>Assertions over HTTP responses of the management API.</summary>
internal static class HttpAssert
{
    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Checks an RFC 7807 problem and returns it.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? field = null, string? detailContains = null)
    {
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.StartsWith("urn:durableagents:problem:", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("/", problem.GetProperty("instance").GetString(), StringComparison.Ordinal);
        string detail = problem.GetProperty("detail").GetString()!;
        if (field is not null)
        {
            Assert.Equal(field, problem.GetProperty("field").GetString());
        }

        if (detailContains is not null)
        {
            Assert.Contains(detailContains, detail, StringComparison.Ordinal);
        }

        return problem;
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static JsonContent Json<T>(T value) => JsonContent.Create(value);
}
