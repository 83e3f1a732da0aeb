namespace DurableAgents.StepFunctions;

/// <summary>ASL's Wait state (a durable timer): exactly one of the four ways of saying how long is set.</summary>
public sealed record WaitState : State
{
    /// <inheritdoc/>
    public override string Type => "Wait";

    /// <summary>Seconds to wait.</summary>
    public int? Seconds { get; init; }

    /// <summary>An ISO-8601 timestamp to wait until.</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>A path to a number of seconds in the input.</summary>
    public string? SecondsPath { get; init; }

    /// <summary>A path to a timestamp in the input.</summary>
    public string? TimestampPath { get; init; }
}
