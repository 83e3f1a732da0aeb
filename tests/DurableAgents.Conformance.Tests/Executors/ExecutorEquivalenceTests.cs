using DurableAgents.Actions;
using DurableAgents.History;
using DurableAgents.Protocol;
using DurableAgents.Replay;
using Google.Protobuf;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Conformance.Tests.Executors;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.DurableTask.Worker.Grpc;

/// <summary>
/// Our replay engine and the official executor (DurableTask.Core behind Microsoft.DurableTask.Worker's
/// <see cref="GrpcOrchestrationRunner"/>) given the same history issue the same actions: the same ids (from 0), the same
/// <c>NewGuid</c> values, the same default sub-orchestration instance ids. That is what lets an instance started on one
/// executor continue on the other, so the history each records is replayed by the other here too.
/// </summary>
public class ExecutorEquivalenceTests
{
    private const string InstanceId = "equivalence";
    private static readonly DateTime StartedAt = new(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan EpisodeGap = TimeSpan.FromMinutes(1);
    private static readonly OrchestrationExecutor OurExecutor = new(JsonDataConverter.Default);

    // One of every kind of action, two guids and a child without an instance id.
    private static readonly ITaskOrchestrator Mixed = FuncTaskOrchestrator.Create<string?, string>(async (context, _) =>
    {
        Guid first = context.NewGuid();
        string greeting = await context.CallActivityAsync<string>("Greet", first.ToString());
        await context.CreateTimer(context.CurrentUtcDateTime.Add(EpisodeGap), CancellationToken.None);
        Task<string> left = context.CallActivityAsync<string>("Greet", "left");
        Task<string> right = context.CallActivityAsync<string>("Greet", "right");
        await Task.WhenAll(left, right);
        string child = await context.CallSubOrchestratorAsync<string>("Child", greeting);
        context.SendEvent("elsewhere", "ping", child);
        Guid second = context.NewGuid();
        return $"{first:N}|{second:N}|{child}";
    });

    [Fact]
    public void SameHistory_OfficialAndOurExecutor_IssueTheSameActionsInEveryEpisode()
    {
        List<HistoryEvent> officialHistory = Drive(_ => RunOfficial);
        List<HistoryEvent> ourHistory = Drive(_ => RunOurs);

        Assert.Equal(Describe(officialHistory), Describe(ourHistory));

        // DurableTask.Core's numbering: one sequence from 0 over activities, timers, children and events.
        Assert.Equal([0, 1, 2, 3, 4, 5], ourHistory.Where(IsScheduling).Select(e => e.EventId));

        // The default child id is a NewGuid ("N") like the two the code made, and differs from both.
        SubOrchestrationInstanceCreatedEvent created = ourHistory.OfType<SubOrchestrationInstanceCreatedEvent>().Single();
        Assert.Matches("^[0-9a-f]{32}$", created.InstanceId);
        string[] result = JsonDataConverter.Default.Deserialize<string>(ourHistory.OfType<ExecutionCompletedEvent>().Single().Result)!.Split('|');
        Assert.Equal(3, new[] { result[0], result[1], created.InstanceId }.Distinct().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void InstanceStartedOnOneExecutor_ContinuedOnTheOther_RecordsTheSameHistory(int switchAtEpisode)
    {
        List<string> official = Describe(Drive(_ => RunOfficial));

        List<HistoryEvent> officialThenOurs = Drive(episode => episode < switchAtEpisode ? RunOfficial : RunOurs);
        List<HistoryEvent> oursThenOfficial = Drive(episode => episode < switchAtEpisode ? RunOurs : RunOfficial);

        Assert.Equal(official, Describe(officialThenOurs));
        Assert.Equal(official, Describe(oursThenOfficial));
        Assert.Equal(OrchestrationStatus.Completed, officialThenOurs.OfType<ExecutionCompletedEvent>().Single().Status);
    }

    // Plays the engine: runs episodes until the instance completes, answering every action one minute later.
    private static List<HistoryEvent> Drive(Func<int, Func<List<HistoryEvent>, List<HistoryEvent>, IReadOnlyList<OrchestratorAction>>> executorFor)
    {
        var history = new List<HistoryEvent>();
        DateTime now = StartedAt;
        List<HistoryEvent> next =
        [
            new OrchestratorStartedEvent(-1, now),
            new ExecutionStartedEvent(-1, now, "Mixed", InstanceId, "execution-1", null),
        ];
        for (int episode = 0; episode < 10; episode++)
        {
            IReadOnlyList<OrchestratorAction> actions = executorFor(episode)([.. history], next);
            history.AddRange(EpisodeHistory.Append(next, actions, now));
            if (actions.Any(a => a is CompleteOrchestrationAction))
            {
                return history;
            }

            now += EpisodeGap;
            next = [new OrchestratorStartedEvent(-1, now), .. actions.SelectMany(a => Answer(a, now))];
        }

        Assert.Fail("The orchestration did not complete within ten episodes:\n" + string.Join('\n', Describe(history)));
        return history;
    }

    private static IEnumerable<HistoryEvent> Answer(OrchestratorAction action, DateTime now) => action switch
    {
        ScheduleTaskAction a => [new TaskCompletedEvent(-1, now, a.Id, "\"hello\"")],
        CreateTimerAction a => [new TimerFiredEvent(-1, now, a.Id, a.FireAt)],
        CreateSubOrchestrationAction a => [new SubOrchestrationInstanceCompletedEvent(-1, now, a.Id, "\"child done\"")],
        _ => [],
    };

    private static IReadOnlyList<OrchestratorAction> RunOurs(List<HistoryEvent> past, List<HistoryEvent> next) =>
        OurExecutor.Execute(Mixed, past, next).Actions;

    // The official executor over the protocol, exactly as a Durable Functions-style host drives it.
    private static IReadOnlyList<OrchestratorAction> RunOfficial(List<HistoryEvent> past, List<HistoryEvent> next)
    {
        var request = new P.OrchestratorRequest { InstanceId = InstanceId, ExecutionId = "execution-1" };
        request.PastEvents.AddRange(ProtoConverter.ToProtoEvents(past));
        request.NewEvents.AddRange(ProtoConverter.ToProtoEvents(next));

        string encoded = GrpcOrchestrationRunner.LoadAndRun(request.ToByteString().ToBase64(), Mixed);

        P.OrchestratorResponse response = P.OrchestratorResponse.Parser.ParseFrom(ByteString.FromBase64(encoded));
        return ProtoConverter.ToActions(response.Actions);
    }

    private static bool IsScheduling(HistoryEvent e) =>
        e is TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent;

    // Activity inputs are left out: the official worker records them as its parameter array ("[value]").
    private static List<string> Describe(IEnumerable<HistoryEvent> history) => [.. history.Select(e => e switch
    {
        TaskScheduledEvent s => $"TaskScheduled #{s.EventId} {s.Name}",
        TimerCreatedEvent t => $"TimerCreated #{t.EventId} {t.FireAt:O}",
        SubOrchestrationInstanceCreatedEvent c => $"SubOrchestrationInstanceCreated #{c.EventId} {c.Name} {c.InstanceId} {c.Input}",
        EventSentEvent s => $"EventSent #{s.EventId} {s.InstanceId} {s.Name} {s.Input}",
        ExecutionCompletedEvent c => $"ExecutionCompleted {c.Status} {c.Result} {c.FailureDetails?.ErrorMessage}",
        _ => $"{e.GetType().Name} #{e.EventId}",
    })];
}
