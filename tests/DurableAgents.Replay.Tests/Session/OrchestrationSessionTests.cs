using Microsoft.DurableTask;
namespace DurableAgents.Replay.Tests.Session;

public class OrchestrationSessionTests
{
    private static int s_starts;

    // Exercises activities (with a retry), a fan-out, a timer race, an external event, a sub-orchestration,
    // custom status and NewGuid, so the session and the executor are compared on every kind of event.
    private static readonly ITaskOrchestrator Workflow = Orchestrators.Create<string, string>(async (context, input) =>
    {
        Interlocked.Increment(ref s_starts);
        string first = await context.CallActivityAsync<string>(
            "Prepare", input, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5))));
        context.SetCustomStatus(new { stage = "fan-out", id = context.NewGuid() });
        int[] parts = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => context.CallActivityAsync<int>("Part", i)));
        using var cts = new CancellationTokenSource();
        Task<bool> approval = context.WaitForExternalEvent<bool>("approve", cts.Token);
        Task deadline = context.CreateTimer(TimeSpan.FromHours(1), cts.Token);
        bool approved = await Task.WhenAny(approval, deadline) == approval && await approval;
        cts.Cancel();
        string child = await context.CallSubOrchestratorAsync<string>("Child", parts.Sum());
        return $"{first}:{parts.Sum()}:{approved}:{child}";
    });

    // The engine side of the scenario: one array of new events per episode, after OrchestratorStarted.
    private static readonly (double At, HistoryEvent[] Events)[] Episodes =
    [
        (0, [H.ExecutionStarted(input: "\"in\"")]),
        (1, [H.TaskFailed(0, "transient")]),
        (6, [H.TimerFired(1, H.At(6))]),
        (7, [H.TaskCompleted(2, "\"prepared\""), H.EventRaised("APPROVE", "true")]),
        (8, [H.TaskCompleted(4, "20"), H.TaskCompleted(3, "10")]),
        (9, [H.TaskCompleted(5, "30")]),
        (10, [H.SubOrchestrationCompleted(7, "\"child-done\"")]),
    ];

    [Fact]
    public void Execute_EpisodeByEpisode_GivesTheSameActionsAsFullReplay()
    {
        var replaying = new EpisodeDriver(Workflow);
        var cached = new EpisodeDriver(Workflow, useSession: true);

        foreach ((double at, HistoryEvent[] events) in Episodes)
        {
            OrchestratorExecutionResult expected = replaying.Run(at, events);
            OrchestratorExecutionResult actual = cached.Run(at, events);

            Assert.Equal(expected.Actions, actual.Actions, ActionComparer.Instance);
            Assert.Equal(expected.CustomStatus, actual.CustomStatus);
            Assert.Equal(replaying.History.Count, cached.Session!.HistoryLength);
        }

        ExecutionCompletedEvent completed = Assert.IsType<ExecutionCompletedEvent>(cached.History[^1]);
        Assert.Equal("\"prepared:60:True:child-done\"", completed.Result);
        Assert.True(cached.Session!.IsCompleted);
        Assert.Equal(HistoryJson.SerializeHistory(replaying.History), HistoryJson.SerializeHistory(cached.History));
    }

    [Fact]
    public void Execute_Session_RunsTheCodeOnceWhileFullReplayRestartsIt()
    {
        var cached = new EpisodeDriver(Workflow, useSession: true);
        int before = Volatile.Read(ref s_starts);
        foreach ((double at, HistoryEvent[] events) in Episodes)
        {
            cached.Run(at, events);
        }

        // Other tests may run the same orchestrator concurrently; a full replay per episode would add 7 starts here.
        Assert.InRange(Volatile.Read(ref s_starts) - before, 1, Episodes.Length - 1);
        Assert.True(cached.Session!.IsCompleted);
    }

    [Fact]
    public void Execute_FirstCallWithPastEvents_ContinuesFromReplayedState()
    {
        var replaying = new EpisodeDriver(Workflow);
        foreach ((double at, HistoryEvent[] events) in Episodes.Take(4))
        {
            replaying.Run(at, events);
        }

        var session = new OrchestrationSession(Workflow);
        OrchestratorExecutionResult result = session.Execute(replaying.History.ToList(), [H.OrchestratorStarted(8), H.TaskCompleted(3, "10"), H.TaskCompleted(4, "20")]);

        Assert.Empty(result.Actions);
        Assert.Equal(replaying.History.Count + 3, session.HistoryLength);
        Assert.False(session.IsCompleted);
        OrchestratorExecutionResult next = session.Execute([], [H.OrchestratorStarted(9), H.TaskCompleted(5, "30")]);
        Assert.Equal(6, Assert.IsType<CreateTimerAction>(next.Actions[0]).Id);
        Assert.Equal(7, Assert.IsType<CreateSubOrchestrationAction>(next.Actions[1]).Id);
        Assert.Equal(replaying.History.Count + 3 + 4, session.HistoryLength);
    }

    [Fact]
    public void Execute_PastEventsOnALaterCall_AreRejected()
    {
        var session = new OrchestrationSession(Workflow);
        session.Execute([], H.Start(input: "\"x\""));

        Assert.Throws<ArgumentException>(() => session.Execute(H.Start(input: "\"x\""), [H.OrchestratorStarted(1)]));
    }

    [Fact]
    public void Execute_AfterCompletion_Throws()
    {
        var session = new OrchestrationSession(Orchestrators.Create(_ => Task.FromResult(1)));
        Assert.NotNull(session.Execute([], H.Start()).Completion);
        Assert.True(session.IsCompleted);

        Assert.Throws<InvalidOperationException>(() => session.Execute([], [H.OrchestratorStarted(1)]));
    }

    [Fact]
    public void HistoryLength_CountsNewEventsAndRecordedActionsButNotTerminateActions()
    {
        var session = new OrchestrationSession(Orchestrators.Create(async context =>
        {
            context.SendEvent("other", "ping", null!);
            await context.CallActivityAsync("A");
            return 0;
        }));

        OrchestratorExecutionResult result = session.Execute([], H.Start());

        Assert.Equal(2, result.Actions.Count);
        Assert.Equal(EpisodeHistory.Append(H.Start(), result.Actions, H.T0).Count, session.HistoryLength);
        Assert.Equal(4, session.HistoryLength);
    }

    private sealed class ActionComparer : IEqualityComparer<OrchestratorAction>
    {
        public static readonly ActionComparer Instance = new();

        public bool Equals(OrchestratorAction? x, OrchestratorAction? y) => Describe(x) == Describe(y);

        public int GetHashCode(OrchestratorAction obj) => Describe(obj).GetHashCode(StringComparison.Ordinal);

        // Records holding collections compare them by reference; compare their recorded form instead.
        private static string Describe(OrchestratorAction? action) => action switch
        {
            null => "null",
            CompleteOrchestrationAction c => $"{c.Id}|{c.Status}|{c.Result}|{c.FailureDetails}|{c.CarryoverEvents?.Count}",
            _ => HistoryJson.Serialize(EpisodeHistory.ToHistoryEvent(action, H.T0)!),
        };
    }
}
