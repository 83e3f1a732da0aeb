using Microsoft.DurableTask;
using System.Text.Json;
using DurableAgents.Cli.Backends;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Tests.Backends;

public sealed class ManagementJsonTests
{
    [Fact]
    public void ReadStatus_DurableFunctionsBody_GivesMetadataWithJsonText()
    {
        using JsonDocument body = JsonDocument.Parse("""
            {"name":"Hello","instanceId":"i1","runtimeStatus":"Completed","input":{"name":"ana"},
             "customStatus":null,"output":"hi","createdTime":"2025-01-02T03:04:05Z","lastUpdatedTime":"2025-01-02T03:04:07Z"}
            """);

        OrchestrationMetadata instance = ManagementJson.ReadStatus(body.RootElement);

        Assert.Equal(("Hello", "i1", OrchestrationRuntimeStatus.Completed), (instance.Name, instance.InstanceId, instance.RuntimeStatus));
        Assert.Equal("""{"name":"ana"}""", instance.SerializedInput);
        Assert.Equal("\"hi\"", instance.SerializedOutput);
        Assert.Null(instance.SerializedCustomStatus);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), instance.CreatedAt);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 7, TimeSpan.Zero), instance.LastUpdatedAt);
    }

    [Fact]
    public void ReadStatus_UnknownStatus_Throws()
    {
        using JsonDocument body = JsonDocument.Parse("""{"name":"x","instanceId":"i","runtimeStatus":"Sleeping"}""");

        ManagementApiException error = Assert.Throws<ManagementApiException>(() => ManagementJson.ReadStatus(body.RootElement));
        Assert.Contains("Sleeping", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadHistory_DurableFunctionsEntries_BecomeNumberedRows()
    {
        using JsonDocument body = JsonDocument.Parse("""
            {"historyEvents":[
              {"EventType":"ExecutionStarted","Timestamp":"2025-01-02T03:04:05.1230000Z","FunctionName":"Hello","Input":{"name":"ana"}},
              {"EventType":"TaskCompleted","Timestamp":"2025-01-02T03:04:06Z","FunctionName":"Greet","ScheduledTime":"2025-01-02T03:04:05Z","Result":"Hello, ana!"},
              {"EventType":"TaskFailed","Timestamp":"2025-01-02T03:04:06Z","FunctionName":"Print","Reason":"fire","FailureDetails":{"ErrorType":"System.Exception","ErrorMessage":"fire"}},
              {"EventType":"TimerCreated","Timestamp":"2025-01-02T03:04:06Z","FireAt":"2025-01-02T03:09:06Z"},
              {"EventType":"EventRaised","Timestamp":"2025-01-02T03:04:07Z","Name":"go","Input":{"speed":"fast"}},
              {"EventType":"ExecutionCompleted","Timestamp":"2025-01-02T03:04:08Z","OrchestrationStatus":"Completed","Result":"done"}
            ]}
            """);

        IReadOnlyList<HistoryRow> rows = ManagementJson.ReadHistory(body.RootElement);

        Assert.Equal(new HistoryRow(1, new DateTime(2025, 1, 2, 3, 4, 5, 123, DateTimeKind.Utc), "ExecutionStarted", "Hello", null, """input {"name":"ana"}"""), rows[0]);
        Assert.Equal(("Greet", "result \"Hello, ana!\""), (rows[1].Name!, rows[1].Details!));
        Assert.Equal("failed: System.Exception: fire", rows[2].Details);
        Assert.Equal("fires at 2025-01-02 03:09:06.000", rows[3].Details);
        Assert.Equal(("go", """data {"speed":"fast"}"""), (rows[4].Name!, rows[4].Details!));
        Assert.Equal((6, "Completed, result \"done\""), (rows[5].Number, rows[5].Details!));
    }

    [Fact]
    public void ReadHistory_NoHistoryMember_IsEmpty()
    {
        using JsonDocument body = JsonDocument.Parse("""{"name":"x"}""");

        Assert.Empty(ManagementJson.ReadHistory(body.RootElement));
    }
}
