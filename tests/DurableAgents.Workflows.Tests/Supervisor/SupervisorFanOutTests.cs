using DurableAgents.History;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Tests.Fakes;
using DurableAgents.Workflows.Tests.Infrastructure;

namespace DurableAgents.Workflows.Tests.Supervisor;

public sealed class SupervisorFanOutTests
{
    [Fact]
    public async Task RunAsync_IndependentSubtasks_ScheduledTogetherInOneEpisodeBeforeAnyCompletes()
    {
        // The planner is the one model double (the offline planner always chains its steps); the subtask and
        // synthesis agents run on the offline client.
        await using WorkflowHost host = WorkflowHost.Start(s => s.UseModel("planner", ScriptedChatClient.Always(Plans.FanOut)));

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(
            host, SupervisorWorkflow.OrchestratorName, new SupervisorRequest("Compare AWS, Azure and Google Cloud for AI"));

        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        List<TaskScheduledEvent> research = history.AgentCalls().Where(c => c.Request().AgentName == "researcher").ToList();
        Assert.Equal(3, research.Count);
        int first = history.IndexOf(research[0]);
        int last = history.IndexOf(research[^1]);
        Assert.Equal([first, first + 1, first + 2], research.Select(history.IndexOf));

        // One episode: no episode boundary and no completion between the three schedules.
        Assert.DoesNotContain(history.Skip(first).Take(last - first + 1), e => e is OrchestratorStartedEvent or TaskCompletedEvent or TaskFailedEvent);

        // The analysis waits for all three and receives their results.
        TaskScheduledEvent compare = history.AgentCalls().Single(c => c.Request().AgentName == "analyst");
        int compareIndex = history.IndexOf(compare);
        foreach (TaskScheduledEvent call in research)
        {
            Assert.Contains(history.Take(compareIndex), e => e is TaskCompletedEvent completed && completed.TaskScheduledId == call.EventId);
        }

        SupervisorReport report = done.Output<SupervisorReport>();
        string context = compare.Request().Context!;
        foreach (SubtaskOutcome researched in report.Subtasks.Take(3))
        {
            Assert.Contains(researched.Result!, context, StringComparison.Ordinal);
        }

        Assert.Equal(["aws", "azure", "gcp", "compare"], report.Subtasks.Select(s => s.Id));
        Assert.All(report.Subtasks, s => Assert.Equal(SubtaskStatus.Completed, s.Status));
        Assert.Equal(history.AgentCalls().Count, host.Models.TotalCalls);
    }
}
