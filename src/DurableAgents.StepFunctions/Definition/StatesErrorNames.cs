namespace DurableAgents.StepFunctions;

/// <summary>
/// ASL's predefined error names. ASL reserves every name that starts with <c>States.</c>; workflows may use any other
/// non-empty name for their own errors (an activity's exception type name, say).
/// </summary>
public static class StatesErrorNames
{
    /// <summary>Matches any error name (in Retry and Catch only, alone in its ErrorEquals and in the last retrier or catcher).</summary>
    public const string All = "States.ALL";

    /// <summary>A task ran longer than its TimeoutSeconds, or the run longer than the machine's.</summary>
    public const string Timeout = "States.Timeout";

    /// <summary>A task failed during execution.</summary>
    public const string TaskFailed = "States.TaskFailed";

    /// <summary>Not enough privileges to run the task.</summary>
    public const string Permissions = "States.Permissions";

    /// <summary>A ResultPath cannot be applied to the state's input.</summary>
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";

    /// <summary>A <c>.$</c> field of Parameters or ResultSelector names a path the input does not have.</summary>
    public const string ParameterPathFailure = "States.ParameterPathFailure";

    /// <summary>A branch of a Parallel (or an item of a Map) failed.</summary>
    public const string BranchFailed = "States.BranchFailed";

    /// <summary>No rule of a Choice state matched and it has no Default.</summary>
    public const string NoChoiceMatched = "States.NoChoiceMatched";

    /// <summary>An intrinsic function failed.</summary>
    public const string IntrinsicFailure = "States.IntrinsicFailure";

    /// <summary>A task missed its heartbeat.</summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";

    /// <summary>An error that cannot be handled, such as a path that does not match the input.</summary>
    public const string Runtime = "States.Runtime";

    /// <summary>An output was larger than the allowed size.</summary>
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>A Map state's failures exceeded its tolerated failure threshold.</summary>
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";

    /// <summary>A Map state's item reader failed.</summary>
    public const string ItemReaderFailed = "States.ItemReaderFailed";

    /// <summary>A Map state's result writer failed.</summary>
    public const string ResultWriterFailed = "States.ResultWriterFailed";

    /// <summary>Every predefined name.</summary>
    public static IReadOnlySet<string> Predefined { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        All, Timeout, TaskFailed, Permissions, ResultPathMatchFailure, ParameterPathFailure, BranchFailed, NoChoiceMatched,
        IntrinsicFailure, HeartbeatTimeout, Runtime, DataLimitExceeded, ExceedToleratedFailureThreshold, ItemReaderFailed,
        ResultWriterFailed,
    };

    /// <summary>
    /// Why <paramref name="name"/> is not an error name ASL accepts, or null when it is: it must be non-empty, and a
    /// name in the reserved <c>States.</c> namespace must be one of the predefined ones.
    /// </summary>
    public static string? Check(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "an error name must not be empty";
        }

        if (name.StartsWith("States.", StringComparison.Ordinal) && !Predefined.Contains(name))
        {
            return $"'{name}' is in the reserved 'States.' namespace but is not one of ASL's predefined error names ({string.Join(", ", Predefined.Order(StringComparer.Ordinal))})";
        }

        return null;
    }
}
