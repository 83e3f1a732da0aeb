using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Workflows.Supervisor;

namespace DurableAgents.Host.Tests;

/// <summary>The all-in-one host knows the shipped orchestrators' input types and refuses starts they could not read.</summary>
public sealed class StartInputCheckTests
{
    [Fact]
    public async Task Start_of_a_shipped_workflow_whose_input_cannot_be_read_is_refused_before_an_instance_exists()
    {
        using var setup = new HostSetup();
        await using RunningHost host = await setup.StartAsync();
        (string Body, string Field, string Detail)[] cases =
        [
            ("{}", "$", "'request'"),
            ("\"Compare clouds\"", "$", nameof(SupervisorRequest)),
            ("{\"request\":\"Compare clouds\",\"maxSubtasks\":\"many\"}", "$.maxSubtasks", "$.maxSubtasks"),
            ("{\"request\":null}", "$.request", nameof(SupervisorRequest)),
        ];

        foreach ((string body, string field, string detail) in cases)
        {
            string id = "input-check-" + Guid.NewGuid().ToString("N");
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using HttpResponseMessage response = await host.Api.Http.PostAsync(
                $"{ManagementApi.BasePath}orchestrators/{SupervisorWorkflow.OrchestratorName}/{id}", content);

            JsonNode problem = await ManagementApi.ReadJsonAsync(response);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {(int)response.StatusCode} {problem.ToJsonString()}");
            Assert.Equal("urn:durableagents:problem:invalid-input", problem["type"]!.GetValue<string>());
            Assert.Equal(field, problem["field"]!.GetValue<string>());
            Assert.Contains(detail, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Null(await host.Client.GetInstanceAsync(id, cancellation: Deadline.Token()));
        }

        // A readable input (camelCase, as the host's converter reads it) still starts.
        string started = await host.Api.StartInstanceAsync(SupervisorWorkflow.OrchestratorName, new { request = "Compare clouds and write a summary" });
        Assert.NotNull(await host.Client.GetInstanceAsync(started, cancellation: Deadline.Token()));
    }
}
