namespace DurableAgents.Integration.Tests.ScaleOut;

/// <summary>One orchestration of the scale-out test: which orchestrator, through which sidecar it is started, what it must return.</summary>
/// <param name="InstanceId">The instance id (also the orchestrator's input).</param>
/// <param name="Orchestrator">One of the <see cref="ScaleOutTasks"/> orchestrators.</param>
/// <param name="StartDoor">The index of the sidecar the start goes through; an event is raised through the other one.</param>
internal sealed record ScaleOutInstance(string InstanceId, string Orchestrator, int StartDoor)
{
    /// <summary>The payload of the event an <see cref="ScaleOutTasks.EventThenHello"/> instance is sent.</summary>
    public string EventPayload => InstanceId + ":event";

    /// <summary>The output the instance must complete with.</summary>
    public string ExpectedOutput => Orchestrator switch
    {
        ScaleOutTasks.Hello5 => string.Join(' ', Enumerable.Range(1, 5).Select(step => ScaleOutTasks.Greeting(ScaleOutTasks.Step(InstanceId, step)))),
        ScaleOutTasks.TimerThenHello => $"{ScaleOutTasks.Greeting(ScaleOutTasks.Step(InstanceId, 1))} {ScaleOutTasks.Greeting(ScaleOutTasks.Step(InstanceId, 2))}",
        ScaleOutTasks.EventThenHello => ScaleOutTasks.Greeting(EventPayload),
        _ => throw new InvalidOperationException($"Unknown orchestrator {Orchestrator}."),
    };

    /// <summary>Activities the instance schedules.</summary>
    public int ActivityCount => Orchestrator switch
    {
        ScaleOutTasks.Hello5 => 5,
        ScaleOutTasks.TimerThenHello => 2,
        _ => 1,
    };

    public bool HasTimer => Orchestrator == ScaleOutTasks.TimerThenHello;

    public bool WaitsForEvent => Orchestrator == ScaleOutTasks.EventThenHello;
}
