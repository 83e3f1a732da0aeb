using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.DataFlow;

namespace DurableAgents.StepFunctions.Execution;

/// <summary>
/// Evaluates Choice conditions as ASL does: a comparison whose operand types do not fit is false (a string is not
/// NumericEquals anything); a Variable that does not exist is false for the type tests and IsPresent, and a
/// States.Runtime failure for every other comparison.
/// </summary>
public static class ChoiceEvaluator
{
    /// <summary>The next state of <paramref name="choice"/> for <paramref name="scope"/>'s data; fails with States.NoChoiceMatched when nothing matches and there is no Default.</summary>
    public static string NextState(ChoiceState choice, DataFlowScope scope)
    {
        ArgumentNullException.ThrowIfNull(choice);
        foreach (ChoiceRule rule in choice.Choices)
        {
            if (Evaluate(rule.Condition, scope))
            {
                return rule.Next;
            }
        }

        return choice.Default ?? throw new StatesErrorException(StatesErrorNames.NoChoiceMatched,
            $"No Choices rule of the state '{choice.Name}' matched the input and it has no Default.");
    }

    /// <summary>Whether <paramref name="condition"/> holds.</summary>
    public static bool Evaluate(Condition condition, DataFlowScope scope) => condition switch
    {
        AndCondition and => and.Conditions.All(c => Evaluate(c, scope)),
        OrCondition or => or.Conditions.Any(c => Evaluate(c, scope)),
        NotCondition not => !Evaluate(not.Condition, scope),
        ComparisonCondition comparison => Compare(comparison, scope),
        _ => throw new ArgumentException($"Unknown condition {condition}.", nameof(condition)),
    };

    private static bool Compare(ComparisonCondition comparison, DataFlowScope scope)
    {
        JsonPath variable = JsonPath.Parse(comparison.Variable);
        bool present = variable.TrySelect(variable.IsContextPath ? scope.Context : scope.Data, out JsonNode? value);
        string op = comparison.Operator.ToString();
        if (op.StartsWith("Is", StringComparison.Ordinal))
        {
            bool expected = comparison.Value!.GetValue<bool>();
            bool actual = comparison.Operator switch
            {
                ComparisonOperator.IsPresent => present,
                ComparisonOperator.IsNull => present && value is null,
                ComparisonOperator.IsNumeric => present && Kind(value) == JsonValueKind.Number,
                ComparisonOperator.IsString => present && Kind(value) == JsonValueKind.String,
                ComparisonOperator.IsBoolean => present && Kind(value) is JsonValueKind.True or JsonValueKind.False,
                _ => present && TryTimestamp(value, out _),
            };
            return actual == expected;
        }

        if (!present)
        {
            throw new StatesErrorException(StatesErrorNames.Runtime, $"Invalid path '{comparison.Variable}': the choice state's condition path references an invalid value.");
        }

        JsonNode? operand = comparison.Value;
        if (op.EndsWith("Path", StringComparison.Ordinal))
        {
            operand = scope.Select(JsonPath.Parse(comparison.Value!.GetValue<string>()));
            op = op[..^4];
        }

        return op switch
        {
            "StringMatches" => Kind(value) == JsonValueKind.String && Matches(value!.GetValue<string>(), operand!.GetValue<string>()),
            _ when op.StartsWith("String", StringComparison.Ordinal) =>
                Kind(value) == JsonValueKind.String && Kind(operand) == JsonValueKind.String &&
                Holds(op["String".Length..], string.CompareOrdinal(value!.GetValue<string>(), operand!.GetValue<string>())),
            _ when op.StartsWith("Numeric", StringComparison.Ordinal) =>
                TryNumber(value, out decimal left) && TryNumber(operand, out decimal right) && Holds(op["Numeric".Length..], left.CompareTo(right)),
            _ when op.StartsWith("Boolean", StringComparison.Ordinal) =>
                Kind(value) is JsonValueKind.True or JsonValueKind.False && Kind(operand) is JsonValueKind.True or JsonValueKind.False &&
                value!.GetValue<bool>() == operand!.GetValue<bool>(),
            _ => TryTimestamp(value, out DateTimeOffset l) && TryTimestamp(operand, out DateTimeOffset r) && Holds(op["Timestamp".Length..], l.CompareTo(r)),
        };
    }

    private static bool Holds(string relation, int order) => relation switch
    {
        "Equals" => order == 0,
        "LessThan" => order < 0,
        "GreaterThan" => order > 0,
        "LessThanEquals" => order <= 0,
        _ => order >= 0,
    };

    private static JsonValueKind Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    private static bool TryNumber(JsonNode? node, out decimal number)
    {
        number = 0;
        return Kind(node) == JsonValueKind.Number &&
            decimal.TryParse(node!.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private static bool TryTimestamp(JsonNode? node, out DateTimeOffset timestamp)
    {
        timestamp = default;
        return Kind(node) == JsonValueKind.String &&
            DateTimeOffset.TryParse(node!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
    }

    /// <summary>ASL's StringMatches: '*' matches any run of characters; '\*' and '\\' are a literal '*' and '\'.</summary>
    private static bool Matches(string text, string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(System.Text.RegularExpressions.Regex.Escape(pattern[++i].ToString()));
            }
            else if (pattern[i] == '*')
            {
                regex.Append(".*");
            }
            else
            {
                regex.Append(System.Text.RegularExpressions.Regex.Escape(pattern[i].ToString()));
            }
        }

        return System.Text.RegularExpressions.Regex.IsMatch(text, regex.Append('$').ToString(), System.Text.RegularExpressions.RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }
}
