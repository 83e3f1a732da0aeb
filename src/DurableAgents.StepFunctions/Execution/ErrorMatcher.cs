namespace DurableAgents.StepFunctions.Execution;

/// <summary>
/// ASL's matching of an error name against a retrier's or catcher's ErrorEquals. States.ALL matches every error but
/// States.Runtime (which Step Functions never retries or catches); States.TaskFailed matches every failure of a task
/// except States.Timeout. An activity's failure is named by its exception type, full (<c>System.TimeoutException</c>)
/// or short (<c>TimeoutException</c>).
/// </summary>
public static class ErrorMatcher
{
    /// <summary>Whether <paramref name="errorEquals"/> covers <paramref name="error"/>.</summary>
    public static bool Matches(IReadOnlyList<string> errorEquals, string error)
    {
        ArgumentNullException.ThrowIfNull(errorEquals);
        ArgumentNullException.ThrowIfNull(error);
        if (error == StatesErrorNames.Runtime)
        {
            return false;
        }

        string shortName = error[(error.LastIndexOf('.') + 1)..];
        bool isTaskFailure = !error.StartsWith("States.", StringComparison.Ordinal) || error == StatesErrorNames.TaskFailed;
        return errorEquals.Any(name =>
            name == StatesErrorNames.All ||
            name == error ||
            (!error.StartsWith("States.", StringComparison.Ordinal) && name == shortName) ||
            (name == StatesErrorNames.TaskFailed && isTaskFailure));
    }
}
