using DurableAgents.History;

namespace DurableAgents.TaskHub.Tests.Sqlite;

/// <summary>
/// Rows written before failure-detail properties and trace contexts existed still read. That the fields survive every
/// store is checked by tests/DurableAgents.Storage.Conformance.Tests.
/// </summary>
public sealed class SqliteTaskHubStoreProtocolFieldTests
{
    [Fact]
    public void StoredEventsWrittenBeforeTheFields_StillRead()
    {
        // The form of TaskFailed and ExecutionStarted rows written before properties and trace contexts existed.
        var failed = (TaskFailedEvent)HistoryJson.Deserialize(
            """{"$type":"TaskFailed","taskScheduledId":1,"failureDetails":{"errorType":"E","errorMessage":"m","isNonRetriable":false},"eventId":-1,"timestamp":"2026-03-01T12:00:00Z"}""");
        var started = (ExecutionStartedEvent)HistoryJson.Deserialize(
            """{"$type":"ExecutionStarted","name":"Hello","instanceId":"a","eventId":-1,"timestamp":"2026-03-01T12:00:00Z"}""");

        Assert.Null(failed.FailureDetails.Properties);
        Assert.Equal("E", failed.FailureDetails.ErrorType);
        Assert.Null(started.ParentTraceContext);
    }
}
