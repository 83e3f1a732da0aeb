using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions;

/// <summary>
/// The fields every state can be given, fluently. Which fields a state type may really have is ASL's rule, checked
/// when the workflow is built (<see cref="WorkflowBuilder.Build"/>), so a mistake names the state and the reason.
/// </summary>
/// <typeparam name="TSelf">The concrete builder, so that calls chain.</typeparam>
public abstract class StepBuilder<TSelf>
    where TSelf : StepBuilder<TSelf>
{
    private protected StepBuilder(State state) => Current = state;

    /// <summary>The state as configured so far.</summary>
    internal State Current { get; private protected set; }

    private TSelf Self => (TSelf)this;

    /// <summary>ASL's <c>Comment</c>.</summary>
    public TSelf Comment(string comment) => Set(Current with { Comment = comment });

    /// <summary>ASL's <c>Next</c>: the state that follows.</summary>
    public TSelf Next(string stateName) => Set(Current with { Next = stateName });

    /// <summary>ASL's <c>End</c>: the state ends its machine.</summary>
    public TSelf End() => Set(Current with { End = true });

    /// <summary>ASL's <c>InputPath</c>; null gives the state an empty object.</summary>
    public TSelf InputPath(string? path) => Set(Current with { InputPath = path });

    /// <summary>ASL's <c>OutputPath</c>; null passes an empty object on.</summary>
    public TSelf OutputPath(string? path) => Set(Current with { OutputPath = path });

    /// <summary>ASL's <c>ResultPath</c>; null discards the result and passes the input on.</summary>
    public TSelf ResultPath(string? path) => Set(Current with { ResultPath = path });

    /// <summary>ASL's <c>Parameters</c> template as JSON text or a node.</summary>
    public TSelf Parameters(JsonNode template) => Set(Current with { Parameters = template.DeepClone() });

    /// <summary>ASL's <c>Parameters</c> template from JSON text, e.g. <c>{"topic.$":"$.topic","style":"short"}</c>.</summary>
    public TSelf Parameters(string templateJson) => Parameters(ParseTemplate(templateJson));

    /// <summary>ASL's <c>ResultSelector</c> template.</summary>
    public TSelf ResultSelector(JsonNode template) => Set(Current with { ResultSelector = template.DeepClone() });

    /// <summary>ASL's <c>ResultSelector</c> template from JSON text.</summary>
    public TSelf ResultSelector(string templateJson) => ResultSelector(ParseTemplate(templateJson));

    /// <summary>Adds a retrier (ASL's defaults: 1 s, 3 retries, backoff 2.0).</summary>
    public TSelf Retry(Retrier retrier) => Set(Current with { Retry = [.. Current.Retry, retrier] });

    /// <summary>Adds a retrier for <paramref name="errorEquals"/> with ASL's default timing.</summary>
    public TSelf Retry(params string[] errorEquals) => Retry(new Retrier(errorEquals));

    /// <summary>Adds a catcher: on <paramref name="errorEquals"/> go to <paramref name="next"/> with the error object at <paramref name="resultPath"/>.</summary>
    public TSelf Catch(string[] errorEquals, string next, string? resultPath = "$") =>
        Set(Current with { Catch = [.. Current.Catch, new Catcher(errorEquals, next) { ResultPath = resultPath }] });

    /// <summary>
    /// Runs <paramref name="activityName"/> (with this state's effective input) to undo this state's effect when the
    /// workflow fails after this state succeeded; compensations run in reverse order of completion.
    /// </summary>
    public TSelf CompensateWith(string activityName) => Set(Current with { CompensationActivity = activityName });

    private protected TSelf Set(State state)
    {
        Current = state;
        return Self;
    }

    private static JsonNode ParseTemplate(string json)
    {
        try
        {
            return JsonNode.Parse(json) ?? throw new ArgumentException("The template must be a JSON object, not null.", nameof(json));
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"The template is not valid JSON: {exception.Message}", nameof(json), exception);
        }
    }
}
