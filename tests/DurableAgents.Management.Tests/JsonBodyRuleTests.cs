using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

/// <summary>
/// One rule for every route that takes a body (start, raiseEvent, approval answer): a non-empty body must be declared
/// as JSON (else 415, nothing happens); an empty body needs no content type and means "no value".
/// </summary>
public sealed class JsonBodyRuleTests(SharedManagement shared) : IClassFixture<SharedManagement>
{
    private const string Base = "/runtime/webhooks/durabletask";
    private ManagementFixture F => shared.Fixture;

    public static TheoryData<string?> NotJson => new() { "text/plain", "application/x-www-form-urlencoded", null };

    [Theory]
    [MemberData(nameof(NotJson))]
    public async Task Start_with_a_body_not_declared_as_json_is_refused_with_415_and_creates_no_instance(string? contentType)
    {
        string id = ManagementFixture.NewId();

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}/{id}", Body("{\"n\":1}", contentType));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type", "application/json");
        Assert.Null(await F.Client.GetInstanceAsync(id));
    }

    [Theory]
    [MemberData(nameof(NotJson))]
    public async Task RaiseEvent_with_a_body_not_declared_as_json_is_refused_with_415_and_delivers_nothing(string? contentType)
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/raiseEvent/go", Body("42", contentType));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type", "application/json");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await F.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.DoesNotContain(await F.GetHistoryAsync(id), e => e is DurableAgents.History.EventRaisedEvent);
    }

    [Theory]
    [MemberData(nameof(NotJson))]
    public async Task Approval_answer_not_declared_as_json_is_refused_with_415_and_answers_nothing(string? contentType)
    {
        string id = await F.StartAsync(TestOrchestrations.Publish, new { title = "t" });
        await F.WaitForApprovalAsync(id);

        using HttpResponseMessage response = await F.Http.PostAsync($"/api/approvals/{id}/{TestOrchestrations.ApprovalName}", Body("{\"approved\":true}", contentType));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type", "application/json");
        Assert.DoesNotContain(await F.GetHistoryAsync(id), e => e is DurableAgents.History.EventRaisedEvent);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/vnd.example+json")]
    public async Task Start_with_a_json_media_type_is_accepted(string contentType)
    {
        string id = ManagementFixture.NewId();

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}/{id}", Body("{\"n\":1}", contentType));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        OrchestrationMetadata done = await F.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal("{\"n\":1}", done.SerializedOutput);
    }

    [Theory]
    [MemberData(nameof(NotJson))]
    public async Task RaiseEvent_with_an_empty_body_of_any_content_type_delivers_an_event_without_payload(string? contentType)
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/raiseEvent/go", Body(string.Empty, contentType, chunked: true));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        OrchestrationMetadata done = await F.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Null(done.SerializedOutput);
    }

    /// <summary>A body with exactly the given content type (none when null); chunked when asked, so the server cannot tell it is empty in advance.</summary>
    private static HttpContent Body(string text, string? contentType, bool chunked = false)
    {
        HttpContent content = chunked
            ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(text)))
            : new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}
