namespace DurableAgents.StepFunctions;

/// <summary>The builder of a Wait state: give exactly one of the four ways of saying how long.</summary>
public sealed class WaitStepBuilder : StepBuilder<WaitStepBuilder>
{
    internal WaitStepBuilder(WaitState state)
        : base(state)
    {
    }

    /// <summary>ASL's <c>Seconds</c>.</summary>
    public WaitStepBuilder Seconds(int seconds) => Set((WaitState)Current with { Seconds = seconds });

    /// <summary>ASL's <c>Timestamp</c>.</summary>
    public WaitStepBuilder Until(DateTimeOffset timestamp) => Set((WaitState)Current with { Timestamp = timestamp });

    /// <summary>ASL's <c>SecondsPath</c>.</summary>
    public WaitStepBuilder SecondsPath(string path) => Set((WaitState)Current with { SecondsPath = path });

    /// <summary>ASL's <c>TimestampPath</c>.</summary>
    public WaitStepBuilder TimestampPath(string path) => Set((WaitState)Current with { TimestampPath = path });
}
