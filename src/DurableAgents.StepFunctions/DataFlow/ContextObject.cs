using System.Globalization;
using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>
/// Builds ASL's context object (<c>$$</c>) for a state: <c>Execution.Id/Name/Input/StartTime</c>,
/// <c>StateMachine.Name</c>, <c>State.Name/EnteredTime/RetryCount</c>, <c>Task.Token</c> (set only while a state waits
/// for a task token, such as an approval) and <c>Map.Item.Index/Value</c> (inside a Map's item processor). Times are
/// ISO-8601 UTC with milliseconds, as Step Functions writes them; in an orchestrator they come from the context's
/// CurrentUtcDateTime, so replays see the same values.
/// </summary>
public static class ContextObject
{
    /// <summary>The context object of the run, before any state is entered.</summary>
    public static JsonObject ForExecution(string instanceId, string workflowName, JsonNode? input, DateTime startTime) => new()
    {
        ["Execution"] = new JsonObject
        {
            ["Id"] = instanceId,
            ["Name"] = instanceId,
            ["Input"] = input?.DeepClone(),
            ["StartTime"] = FormatTime(startTime),
        },
        ["StateMachine"] = new JsonObject { ["Id"] = workflowName, ["Name"] = workflowName },
    };

    /// <summary>A copy of <paramref name="context"/> for the state <paramref name="stateName"/> entered at <paramref name="enteredTime"/>.</summary>
    public static JsonObject ForState(JsonObject context, string stateName, DateTime enteredTime, int retryCount = 0)
    {
        ArgumentNullException.ThrowIfNull(context);
        var copy = (JsonObject)context.DeepClone();
        copy["State"] = new JsonObject
        {
            ["Name"] = stateName,
            ["EnteredTime"] = FormatTime(enteredTime),
            ["RetryCount"] = retryCount,
        };
        return copy;
    }

    /// <summary>A copy of <paramref name="context"/> for the item at <paramref name="index"/> of a Map state.</summary>
    public static JsonObject ForMapItem(JsonObject context, int index, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(context);
        var copy = (JsonObject)context.DeepClone();
        copy["Map"] = new JsonObject { ["Item"] = new JsonObject { ["Index"] = index, ["Value"] = value?.DeepClone() } };
        return copy;
    }

    /// <summary>A copy of <paramref name="context"/> with <c>Task.Token</c> set.</summary>
    public static JsonObject WithTaskToken(JsonObject context, string token)
    {
        ArgumentNullException.ThrowIfNull(context);
        var copy = (JsonObject)context.DeepClone();
        copy["Task"] = new JsonObject { ["Token"] = token };
        return copy;
    }

    /// <summary>ISO-8601 UTC with milliseconds: <c>2019-03-26T20:14:13.192Z</c>.</summary>
    public static string FormatTime(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
