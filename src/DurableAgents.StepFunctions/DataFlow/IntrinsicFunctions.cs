using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>
/// ASL's intrinsic functions that declarative workflows may use: States.Format, States.StringToJson,
/// States.JsonToString, States.Array, States.ArrayLength, States.MathAdd, States.UUID and States.JsonMerge. A failure
/// at run time is a <see cref="StatesErrorException"/> named States.IntrinsicFailure (or States.ParameterPathFailure
/// for a path the data does not have), which Retry and Catch can handle.
/// </summary>
public static class IntrinsicFunctions
{
    /// <summary>The functions supported, by ASL name.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "States.Format", "States.StringToJson", "States.JsonToString", "States.Array", "States.ArrayLength",
        "States.MathAdd", "States.UUID", "States.JsonMerge",
    ];

    /// <summary>Checks the syntax of <paramref name="expression"/>, or says what is wrong.</summary>
    public static bool TryParse(string expression, out object? parsed, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        try
        {
            parsed = IntrinsicParser.Parse(expression);
            error = null;
            return true;
        }
        catch (FormatException exception)
        {
            parsed = null;
            error = exception.Message;
            return false;
        }
    }

    /// <summary>
    /// Evaluates <paramref name="expression"/> against the effective input and the context object. States.UUID takes its
    /// value from <see cref="DataFlowScope.NewGuid"/>, which an orchestrator sets to the context's replay-safe NewGuid.
    /// </summary>
    public static JsonNode? Evaluate(string expression, DataFlowScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        IntrinsicExpression.Call call;
        try
        {
            call = IntrinsicParser.Parse(expression);
        }
        catch (FormatException exception)
        {
            throw new StatesErrorException(StatesErrorNames.IntrinsicFailure, exception.Message);
        }

        return Evaluate(call, scope);
    }

    private static JsonNode? Evaluate(IntrinsicExpression expression, DataFlowScope scope) => expression switch
    {
        IntrinsicExpression.Literal literal => literal.Value?.DeepClone(),
        IntrinsicExpression.Path path => scope.Select(path.Value),
        IntrinsicExpression.Call call => Invoke(call, scope),
        _ => throw new InvalidOperationException("Unknown intrinsic expression."),
    };

    private static JsonNode? Invoke(IntrinsicExpression.Call call, DataFlowScope scope)
    {
        JsonNode?[] args = [.. call.Arguments.Select(a => Evaluate(a, scope))];
        switch (call.Name)
        {
            case "States.Format":
                RequireCount(call, args, 1, int.MaxValue);
                if (call.Arguments[0] is not IntrinsicExpression.Literal { Raw: { } template })
                {
                    throw Failure(call, "the first argument must be a string literal template");
                }

                return JsonValue.Create(Format(call, template, args[1..]));
            case "States.StringToJson":
                RequireCount(call, args, 1, 1);
                try
                {
                    return JsonNode.Parse(AsString(call, args[0], 1));
                }
                catch (JsonException exception)
                {
                    throw Failure(call, $"the argument is not JSON text: {exception.Message}");
                }

            case "States.JsonToString":
                RequireCount(call, args, 1, 1);
                if (call.Arguments[0] is not IntrinsicExpression.Path)
                {
                    throw Failure(call, "the argument must be a path");
                }

                return JsonValue.Create(JsonText.Write(args[0]));
            case "States.Array":
                return new JsonArray(args);
            case "States.ArrayLength":
                RequireCount(call, args, 1, 1);
                return args[0] is JsonArray array ? JsonValue.Create(array.Count) : throw Failure(call, "the argument must be an array");
            case "States.MathAdd":
                RequireCount(call, args, 2, 2);
                return JsonValue.Create(checked(AsInteger(call, args[0], 1) + AsInteger(call, args[1], 2)));
            case "States.UUID":
                RequireCount(call, args, 0, 0);
                return JsonValue.Create(scope.NewGuid().ToString("D"));
            case "States.JsonMerge":
                RequireCount(call, args, 3, 3);
                if (args[2] is not JsonValue deep || deep.GetValueKind() != JsonValueKind.False)
                {
                    throw Failure(call, "the third argument must be false: only the shallow merge is supported, as in Step Functions");
                }

                if (args[0] is not JsonObject left || args[1] is not JsonObject right)
                {
                    throw Failure(call, "the first two arguments must be objects");
                }

                foreach ((string key, JsonNode? value) in right)
                {
                    left[key] = value?.DeepClone();
                }

                return left;
            default:
                throw Failure(call, "the function is not supported");
        }
    }

    private static string Format(IntrinsicExpression.Call call, string template, JsonNode?[] values)
    {
        var text = new StringBuilder();
        int used = 0;
        for (int i = 0; i < template.Length; i++)
        {
            char c = template[i];
            if (c == '\\' && i + 1 < template.Length)
            {
                text.Append(template[++i]);
            }
            else if (c == '{' && i + 1 < template.Length && template[i + 1] == '}')
            {
                if (used == values.Length)
                {
                    throw Failure(call, $"the template has more '{{}}' placeholders than the {values.Length} values given");
                }

                text.Append(FormatValue(call, values[used++]));
                i++;
            }
            else
            {
                text.Append(c);
            }
        }

        return used == values.Length
            ? text.ToString()
            : throw Failure(call, $"the template has {used} '{{}}' placeholders but {values.Length} values were given");
    }

    private static string FormatValue(IntrinsicExpression.Call call, JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        _ => throw Failure(call, $"a value to format is {value.GetValueKind().ToString().ToLowerInvariant()}; only strings, numbers, Booleans and null can be formatted"),
    };

    private static string AsString(IntrinsicExpression.Call call, JsonNode? value, int position) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : throw Failure(call, $"argument {position} must be a string");

    private static int AsInteger(IntrinsicExpression.Call call, JsonNode? value, int position)
    {
        if (value is JsonValue v && v.GetValueKind() == JsonValueKind.Number &&
            // The node may wrap any CLR number (literals are longs, parsed input is a JsonElement): read its JSON text.
            decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal number) &&
            number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue)
        {
            return (int)number;
        }

        throw Failure(call, $"argument {position} must be an integer from {int.MinValue} to {int.MaxValue}");
    }

    private static void RequireCount(IntrinsicExpression.Call call, JsonNode?[] args, int min, int max)
    {
        if (args.Length < min || args.Length > max)
        {
            string expected = min == max ? min.ToString(CultureInfo.InvariantCulture) : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
            throw Failure(call, $"it takes {expected} arguments, not {args.Length}");
        }
    }

    private static StatesErrorException Failure(IntrinsicExpression.Call call, string why) =>
        new(StatesErrorNames.IntrinsicFailure, $"{call.Name} failed: {why}.");
}
