using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>
/// ASL's input and output processing of one state, in ASL's order: InputPath, then Parameters (giving the effective
/// input), the task runs, then ResultSelector on its raw result, ResultPath to place the result in the raw input, and
/// OutputPath to choose what is passed on. Pure functions: the inputs are never changed.
/// </summary>
public static class StateDataFlow
{
    /// <summary>
    /// ASL's InputPath: <c>$</c> keeps the input, a path selects part of it, null gives an empty object. A path the
    /// input does not have fails with States.Runtime.
    /// </summary>
    public static JsonNode? ApplyInputPath(JsonNode? input, string? inputPath, DataFlowScope scope) =>
        SelectOrEmpty(input, inputPath, "InputPath", scope);

    /// <summary>ASL's OutputPath, with the same rules as <see cref="ApplyInputPath"/>.</summary>
    public static JsonNode? ApplyOutputPath(JsonNode? output, string? outputPath, DataFlowScope scope) =>
        SelectOrEmpty(output, outputPath, "OutputPath", scope);

    /// <summary>
    /// ASL's payload template (Parameters, ResultSelector, ItemSelector): a copy of <paramref name="template"/> in which
    /// every field whose name ends in <c>.$</c> is renamed without the suffix and its value replaced by what its path or
    /// intrinsic function yields from <paramref name="scope"/>'s data (or <c>$$</c>). Nested objects and arrays are
    /// processed the same way. A null template passes the data on unchanged.
    /// </summary>
    public static JsonNode? ApplyTemplate(JsonNode? template, DataFlowScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return template is null ? scope.Data?.DeepClone() : Expand(template, scope);
    }

    /// <summary>
    /// ASL's ResultPath: <c>$</c> makes the result the output, null discards the result and passes the input on, and a
    /// reference path places the result there in a copy of the input (creating missing objects on the way; a value in the
    /// way that is not an object fails with States.ResultPathMatchFailure).
    /// </summary>
    public static JsonNode? ApplyResultPath(JsonNode? input, JsonNode? result, string? resultPath)
    {
        if (resultPath is null)
        {
            return input?.DeepClone();
        }

        return JsonPath.Parse(resultPath).SetIn(input, result);
    }

    private static JsonNode? SelectOrEmpty(JsonNode? data, string? path, string field, DataFlowScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (path is null)
        {
            return new JsonObject();
        }

        JsonPath parsed = JsonPath.Parse(path);
        JsonNode? root = parsed.IsContextPath ? scope.Context : data;
        return parsed.TrySelect(root, out JsonNode? value)
            ? value
            : throw new StatesErrorException(StatesErrorNames.Runtime, $"{field} '{path}' does not match anything in the {(parsed.IsContextPath ? "context object" : "data")}.");
    }

    private static JsonNode? Expand(JsonNode? template, DataFlowScope scope)
    {
        switch (template)
        {
            case JsonObject obj:
                var result = new JsonObject();
                foreach ((string key, JsonNode? value) in obj)
                {
                    if (key.EndsWith(".$", StringComparison.Ordinal))
                    {
                        string expression = value?.GetValue<string>()
                            ?? throw new StatesErrorException(StatesErrorNames.ParameterPathFailure, $"The field '{key}' has no path.");
                        result[key[..^2]] = Resolve(expression, scope);
                    }
                    else
                    {
                        result[key] = Expand(value, scope);
                    }
                }

                return result;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => Expand(item, scope))]);
            default:
                return template?.DeepClone();
        }
    }

    /// <summary>The value of a <c>.$</c> field: an intrinsic function call or a path.</summary>
    public static JsonNode? Resolve(string expression, DataFlowScope scope)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(scope);
        if (expression.StartsWith("States.", StringComparison.Ordinal))
        {
            return IntrinsicFunctions.Evaluate(expression, scope);
        }

        if (!JsonPath.TryParse(expression, out JsonPath? path, out string? error))
        {
            throw new StatesErrorException(StatesErrorNames.ParameterPathFailure, error);
        }

        return scope.Select(path);
    }
}
