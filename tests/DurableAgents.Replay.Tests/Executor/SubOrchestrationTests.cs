using DurableAgents.Converters;
using Microsoft.DurableTask;


namespace DurableAgents.Replay.Tests.Executor;

public class SubOrchestrationTests
{
    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);

    [Fact]
    public void CallSubOrchestratorAsync_DefaultInstanceId_IsTheNextNewGuidAsOnTheOfficialWorker()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            await context.CallActivityAsync("First");
            return await context.CallSubOrchestratorAsync<int>("Child", new { n = 2 });
        });
        var driver = new EpisodeDriver(orchestrator);
        driver.Start();

        var create = EpisodeDriver.Single<CreateSubOrchestrationAction>(driver.Run(1, H.TaskCompleted(0, null)));

        Assert.Equal(1, create.Id);
        Assert.Equal("Child", create.Name);
        // NewGuid("N") of instance-1 at 00:00:01 with counter 0: the id Microsoft.DurableTask.Worker gives this child.
        Assert.Equal("91a545599d375b47bde422afd1293887", create.InstanceId);
        Assert.Equal("{\"n\":2}", create.Input);
        Assert.Equal("4", driver.Run(2, H.SubOrchestrationCompleted(1, "4")).Completion!.Result);
    }

    [Fact]
    public void CallSubOrchestratorAsync_ExplicitInstanceId_IsUsed()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
            await context.CallSubOrchestratorAsync<int>("Child", null, new SubOrchestrationOptions(new TaskOptions(), "child-42") { Version = "2" }));

        var create = EpisodeDriver.Single<CreateSubOrchestrationAction>(_executor.Execute(orchestrator, H.None, H.Start()));

        Assert.Equal("child-42", create.InstanceId);
        Assert.Equal("2", create.Version);
    }

    [Fact]
    public void CallSubOrchestratorAsync_ChildFails_ThrowsTaskFailedException()
    {
        TaskFailedException? caught = null;
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            try
            {
                await context.CallSubOrchestratorAsync("Child", options: new TaskOptions().WithInstanceId("kid"));
                return "ok";
            }
            catch (TaskFailedException ex)
            {
                caught = ex;
                throw;
            }
        });
        HistoryEvent[] past = [.. H.Start(), H.SubOrchestrationCreated(0, "Child", "kid")];

        OrchestratorExecutionResult result = _executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.SubOrchestrationFailed(0, "bad argument")]);

        Assert.NotNull(caught);
        Assert.Equal("Child", caught.TaskName);
        Assert.Equal(0, caught.TaskId);
        Assert.Equal("System.ArgumentException", caught.FailureDetails.ErrorType);
        CompleteOrchestrationAction completion = result.Completion!;
        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        Assert.Equal(typeof(TaskFailedException).FullName, completion.FailureDetails!.ErrorType);
        Assert.Equal("bad argument", completion.FailureDetails.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public void Parent_OfSubOrchestration_ComesFromExecutionStarted()
    {
        ParentOrchestrationInstance? seen = null;
        ITaskOrchestrator child = Orchestrators.Create(context =>
        {
            seen = context.Parent;
            return Task.FromResult(0);
        });

        _executor.Execute(child, H.None, [H.OrchestratorStarted(), H.ExecutionStarted("Child", parent: new ParentInstanceInfo(3, "Parent", "p-1", "e-1"))]);

        Assert.Equal(new ParentOrchestrationInstance(new TaskName("Parent"), "p-1"), seen);
    }
}
