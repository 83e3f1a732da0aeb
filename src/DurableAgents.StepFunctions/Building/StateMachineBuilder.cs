namespace DurableAgents.StepFunctions;

/// <summary>
/// Adds states to a machine (a workflow, a Parallel branch or a Map's item processor), in order. The first state added
/// is the StartAt unless <see cref="StartAt"/> says otherwise. Nothing is checked here: the workflow's
/// <see cref="WorkflowBuilder.Build"/> validates the whole definition and reports every mistake at once.
/// </summary>
/// <typeparam name="TSelf">The concrete builder, so that calls chain.</typeparam>
public abstract class StateMachineBuilder<TSelf>
    where TSelf : StateMachineBuilder<TSelf>
{
    private readonly List<State> _states = [];
    private string? _startAt;

    private protected StateMachineBuilder()
    {
    }

    private TSelf Self => (TSelf)this;

    /// <summary>ASL's <c>StartAt</c>: the first state (by default the first one added).</summary>
    public TSelf StartAt(string stateName)
    {
        _startAt = stateName;
        return Self;
    }

    /// <summary>A Task state that calls the activity <paramref name="activityName"/> with the effective input.</summary>
    public TSelf Activity(string name, string activityName, Action<TaskStepBuilder>? configure = null) =>
        Add(new TaskStepBuilder(new ActivityState { Name = name, ActivityName = activityName }), configure);

    /// <summary>
    /// A Task state that asks the agent <paramref name="agentName"/>. Give the prompt as a literal
    /// (<paramref name="prompt"/>) or as a path or intrinsic function over the effective input (<paramref name="promptPath"/>,
    /// e.g. <c>States.Format('Summarise {}', $.text)</c>).
    /// </summary>
    public TSelf Agent(string name, string agentName, string? prompt = null, string? promptPath = null, Action<TaskStepBuilder>? configure = null) =>
        Add(new TaskStepBuilder(new AgentState { Name = name, AgentName = agentName, Prompt = prompt, PromptPath = promptPath }), configure);

    /// <summary>ASL's Pass state.</summary>
    public TSelf Pass(string name, Action<PassStepBuilder>? configure = null) =>
        Add(new PassStepBuilder(new PassState { Name = name }), configure);

    /// <summary>ASL's Wait state (a durable timer).</summary>
    public TSelf Wait(string name, Action<WaitStepBuilder> configure) =>
        Add(new WaitStepBuilder(new WaitState { Name = name }), configure);

    /// <summary>ASL's Choice state.</summary>
    public TSelf Choice(string name, Action<ChoiceStepBuilder> configure) =>
        Add(new ChoiceStepBuilder(new ChoiceState { Name = name }), configure);

    /// <summary>ASL's Parallel state.</summary>
    public TSelf Parallel(string name, Action<ParallelStepBuilder> configure) =>
        Add(new ParallelStepBuilder(new ParallelState { Name = name }), configure);

    /// <summary>ASL's Map state.</summary>
    public TSelf Map(string name, Action<MapStepBuilder> configure) =>
        Add(new MapStepBuilder(new MapState { Name = name }), configure);

    /// <summary>A human approval named <paramref name="approvalName"/> that times out after <paramref name="timeout"/> (whole seconds).</summary>
    public TSelf Approval(string name, string approvalName, TimeSpan timeout, Action<ApprovalStepBuilder> configure) =>
        Add(new ApprovalStepBuilder(new ApprovalState { Name = name, ApprovalName = approvalName, TimeoutSeconds = (int)Math.Min(int.MaxValue, timeout.TotalSeconds) }), configure);

    /// <summary>ASL's Succeed state.</summary>
    public TSelf Succeed(string name, Action<SimpleStepBuilder>? configure = null) =>
        Add(new SimpleStepBuilder(new SucceedState { Name = name }), configure);

    /// <summary>ASL's Fail state with its error name and cause.</summary>
    public TSelf Fail(string name, string? error = null, string? cause = null, Action<SimpleStepBuilder>? configure = null) =>
        Add(new SimpleStepBuilder(new FailState { Name = name, Error = error, Cause = cause }), configure);

    internal StateMachine BuildMachine() => new(_startAt ?? (_states.Count > 0 ? _states[0].Name : ""), [.. _states]);

    private TSelf Add<TBuilder>(TBuilder builder, Action<TBuilder>? configure)
        where TBuilder : StepBuilder<TBuilder>
    {
        configure?.Invoke(builder);
        _states.Add(builder.Current);
        return Self;
    }
}
