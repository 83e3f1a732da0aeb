using System.Globalization;
using DurableAgents.Actions;
using DurableAgents.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Replay.Internal;

/// <summary>
/// The replay state of one orchestration instance: it applies history events in order, runs the orchestrator code on
/// a <see cref="ReplayTaskScheduler"/> between events, matches the actions the code issues against the actions history
/// recorded, and returns the actions history does not know yet. Not thread-safe: one episode at a time.
/// </summary>
internal sealed partial class OrchestrationReplayer
{
    private readonly ITaskOrchestrator _orchestrator;
    private readonly DataConverter _converter;
    private readonly ILogger _logger;
    private readonly ReplayTaskScheduler _scheduler = new();
    private readonly ReplayOrchestrationContext _context;

    // Actions issued by the code that history has not recorded yet, in id order. During replay each recorded
    // scheduling event must match the head; what is left after the last episode is the new work to return.
    private readonly Queue<OrchestratorAction> _unrecorded = new();
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly List<ICancellableWait> _cancellableWaits = [];

    private int _nextTaskId;
    private int _openDurableWaits;
    private int _guidCounter;
    private string? _serializedInput;
    private bool _started;
    private Task<object?>? _codeTask;
    private object? _continueAsNewInput;
    private bool _continueAsNewRequested;
    private bool _preserveUnprocessedEvents;

    // Events still to hand to the next generation; external events that arrive later in the same episode join it.
    private List<HistoryEvent>? _carryover;

    // Set once the instance (or this generation) is finished; _halted means the executor ended it (nondeterminism,
    // termination, non-durable await, bad input) and nothing but the recorded completion is looked at any more.
    private CompleteOrchestrationAction? _completion;
    private bool _completionRecorded;
    private bool _halted;

    private readonly Func<Exception, IDictionary<string, object?>?>? _exceptionProperties;

    public OrchestrationReplayer(
        ITaskOrchestrator orchestrator,
        DataConverter? dataConverter,
        ILoggerFactory? loggerFactory,
        Func<Exception, IDictionary<string, object?>?>? exceptionProperties = null)
    {
        _exceptionProperties = exceptionProperties;
        ArgumentNullException.ThrowIfNull(orchestrator);
        _orchestrator = orchestrator;
        _converter = dataConverter ?? JsonDataConverter.Default;
        LoggerFactory = loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _logger = LoggerFactory.CreateLogger("DurableAgents.Replay");
        _context = new ReplayOrchestrationContext(this);
    }

    public ILoggerFactory LoggerFactory { get; }

    public TaskName Name { get; private set; } = new("(not started)");

    public string InstanceId { get; private set; } = string.Empty;

    public ParentOrchestrationInstance? Parent { get; private set; }

    public string Version { get; private set; } = string.Empty;

    public DateTime CurrentUtcDateTime { get; private set; }

    public bool IsReplaying { get; private set; }

    public string? CustomStatus { get; private set; }

    /// <summary>True once the instance or generation finished; its code never runs again.</summary>
    public bool IsFinished => _completion is not null;

    /// <summary>Applies <paramref name="pastEvents"/> as replay, then <paramref name="newEvents"/>, and returns the new actions.</summary>
    public IReadOnlyList<OrchestratorAction> Execute(IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents)
    {
        SynchronizationContext? callerContext = SynchronizationContext.Current;

        // A caller's context (UI, test framework) would otherwise capture orchestrator continuations.
        SynchronizationContext.SetSynchronizationContext(null);
        _scheduler.Enter();
        try
        {
            if (_scheduler.ForeignWorkSeen && _completion is null)
            {
                FailNonDurable();
            }

            IsReplaying = true;
            for (int i = 0; i < pastEvents.Count; i++)
            {
                Apply(pastEvents[i], i, replaying: true);
            }

            if (pastEvents.Count > 0)
            {
                EnsureEverythingRecorded(pastEvents.Count, "the end of the recorded history");
            }

            IsReplaying = false;
            for (int i = 0; i < newEvents.Count; i++)
            {
                Apply(newEvents[i], pastEvents.Count + i, replaying: false);
            }

            if (_completion is null && _started && (_scheduler.ForeignWorkSeen || _openDurableWaits == 0 || HasUnobservedCancellation()))
            {
                FailNonDurable();
            }

            return TakeNewActions();
        }
        finally
        {
            _scheduler.Exit();
            SynchronizationContext.SetSynchronizationContext(callerContext);
        }
    }

    /// <summary>
    /// The next action id: sequence numbers from 0, in the order the code (or a retry) issues actions. DurableTask.Core
    /// numbers the same way and matches history by these ids, so an instance can move between the two executors.
    /// </summary>
    public int NextTaskId() => _nextTaskId++;

    /// <summary>Queues an action for recording; <paramref name="handler"/> receives the events that answer it.</summary>
    public void AddAction(OrchestratorAction action, OpenTaskKind kind, OpenTaskHandler handler)
    {
        _unrecorded.Enqueue(action);
        _openTasks[action.Id] = new OpenTask(kind, handler);
    }

    /// <summary>Queues an action that nothing answers (e.g. SendEvent).</summary>
    public void AddAction(OrchestratorAction action) => _unrecorded.Enqueue(action);

    public void BeginDurableWait() => _openDurableWaits++;

    /// <summary>Remembers a wait whose token may be cancelled from somewhere the episode thread never sees (CancelAsync).</summary>
    public void TrackCancellableWait(ICancellableWait wait) => _cancellableWaits.Add(wait);

    public void EndDurableWait() => _openDurableWaits--;

    /// <summary>Runs <paramref name="callback"/> later on the episode thread, outside orchestrator code.</summary>
    public void Post(Action<object?> callback, object? state) => _scheduler.Post(callback, state);

    public string? Serialize(object? value) => _converter.Serialize(value);

    // Null text (a missing result) gives default(T), also for value types, where the SDK's Deserialize<T> would throw.
#pragma warning disable CA2263 // The generic overload is the one that throws for value types; see above.
    public T Deserialize<T>(string? data) => _converter.Deserialize(data, typeof(T)) is T value ? value : default!;
#pragma warning restore CA2263

    public T? GetInput<T>() => Deserialize<T>(_serializedInput);

    /// <summary>
    /// The official worker's NewGuid: the version 5 UUID of "{instance id}_{time, round-trip format}_{counter from 0}",
    /// so both executors hand out the same guids (and default child instance ids) for the same history.
    /// </summary>
    public Guid NewGuid()
    {
        string name = string.Create(CultureInfo.InvariantCulture, $"{InstanceId}_{CurrentUtcDateTime:O}_{_guidCounter}");
        _guidCounter++;
        return DeterministicGuid.Create(DeterministicGuid.OrchestrationNamespace, name);
    }

    public void SetCustomStatus(object? customStatus) => CustomStatus = _converter.Serialize(customStatus);

    public void RequestContinueAsNew(object? newInput, bool preserveUnprocessedEvents)
    {
        _continueAsNewRequested = true;
        _continueAsNewInput = newInput;
        _preserveUnprocessedEvents = preserveUnprocessedEvents;
    }

    /// <summary>
    /// Guards every context call that changes state: orchestrator code may only run on the episode thread while an
    /// episode executes. Anything else is a continuation of a non-durable task and fails the instance.
    /// </summary>
    public void EnsureOnEpisodeThread()
    {
        if (!_scheduler.IsOnOwnerThread)
        {
            _scheduler.RecordForeignWork();
            throw new NonDurableTaskException();
        }
    }

    // Cancel() runs the token's callbacks at once, inside the code; CancelAsync runs them on the thread pool, which the
    // episode thread never waits for. A cancelled token whose wait has not heard of it therefore means the code
    // awaited CancelAsync (or cancelled from another thread): fail now rather than depending on thread timing.
    private bool HasUnobservedCancellation()
    {
        _cancellableWaits.RemoveAll(static wait => wait.IsFinished);
        foreach (ICancellableWait wait in _cancellableWaits)
        {
            if (wait.HasUnobservedCancellation)
            {
                return true;
            }
        }

        return false;
    }

    private List<OrchestratorAction> TakeNewActions()
    {
        var actions = new List<OrchestratorAction>(_unrecorded.Count + 1);
        if (!_halted)
        {
            actions.AddRange(_unrecorded);
        }

        _unrecorded.Clear();
        if (_completion is not null && !_completionRecorded)
        {
            actions.Add(_completion);
            _completionRecorded = true;
        }

        return actions;
    }

    private void StartCode(object? input)
    {
        _started = true;
        var start = new Task(static state =>
        {
            var (replayer, value) = ((OrchestrationReplayer, object?))state!;
            replayer._codeTask = replayer.RunCodeAsync(value);
        }, (this, input));
        start.Start(_scheduler);
    }

    // The await resumes on the replay scheduler: if the code's task completes on another thread (it resumed after a
    // non-durable await or ConfigureAwait(false)), the scheduler rejects the continuation instead of finishing here.
    private async Task<object?> RunCodeAsync(object? input) => await _orchestrator.RunAsync(_context, input);

    private void RunPendingWork()
    {
        _scheduler.RunPending();
        if (_completion is null && _codeTask is { IsCompleted: true })
        {
            CompleteFromCode(_codeTask);
        }
    }

    private void CompleteFromCode(Task<object?> codeTask)
    {
        int id = NextTaskId();
        try
        {
            object? result = codeTask.GetAwaiter().GetResult();
            _completion = _continueAsNewRequested
                ? new CompleteOrchestrationAction(
                    id,
                    OrchestrationStatus.ContinuedAsNew,
                    _converter.Serialize(_continueAsNewInput),
                    CarryoverEvents: _carryover = _preserveUnprocessedEvents ? TakeBufferedEvents() : null)
                : new CompleteOrchestrationAction(id, OrchestrationStatus.Completed, _converter.Serialize(result));
        }
        catch (Exception ex)
        {
            _completion = Failed(id, ex);
        }
    }

    private CompleteOrchestrationAction Failed(int id, Exception exception)
    {
        FailureDetails details = FailureDetails.FromException(exception, properties: _exceptionProperties);
        if (exception is TaskFailedException taskFailed && details.InnerFailure is null)
        {
            // Keep what the failed activity or child reported, so the instance's failure says where it came from.
            details = details with { InnerFailure = FailureDetails.From(taskFailed.FailureDetails) };
        }

        return new CompleteOrchestrationAction(id, OrchestrationStatus.Failed, null, details);
    }

    private void Halt(CompleteOrchestrationAction completion)
    {
        _completion = completion;
        _completionRecorded = false;
        _halted = true;
        _scheduler.Clear();
    }

    private void FailNonDurable()
    {
        var exception = new NonDurableTaskException();
        Logs.NonDurableAwait(_logger, InstanceId, Name.Name);
        Halt(new CompleteOrchestrationAction(NextTaskId(), OrchestrationStatus.Failed, null, FailureDetails.FromException(exception)));
    }

    private void FailNondeterministic(int eventId, string expected, string actual)
    {
        var exception = new NonDeterministicOrchestrationException(eventId, expected, actual);
        Logs.NonDeterminism(_logger, InstanceId, Name.Name, exception.Message);
        int id = _completion?.Id ?? NextTaskId();
        Halt(new CompleteOrchestrationAction(id, OrchestrationStatus.Failed, null, FailureDetails.FromException(exception)));
    }
}
