namespace DurableAgents.TaskHub.Tests.Engine.Infrastructure;

/// <summary>Reads work items from a raw connection with a deadline, for tests that answer items by hand.</summary>
internal static class WorkItemReader
{
    public static async Task<T> NextAsync<T>(this WorkerConnection connection)
        where T : WorkItem
    {
        WorkItem item = await connection.WorkItems.ReadAsync(TestHub.Timeout());
        return Assert.IsType<T>(item);
    }
}
