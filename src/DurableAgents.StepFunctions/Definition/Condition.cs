using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions;

/// <summary>A Boolean expression of a Choice rule: a comparison, or And/Or/Not of nested conditions, as in ASL.</summary>
public abstract record Condition
{
    /// <summary>A comparison of the value at <paramref name="variable"/>; see <see cref="ComparisonCondition"/>.</summary>
    public static Condition Compare(string variable, ComparisonOperator op, JsonNode? value) => new ComparisonCondition(variable, op, value);

    /// <summary>ASL's <c>StringEquals</c>.</summary>
    public static Condition StringEquals(string variable, string value) => Compare(variable, ComparisonOperator.StringEquals, JsonValue.Create(value));

    /// <summary>ASL's <c>NumericEquals</c>.</summary>
    public static Condition NumericEquals(string variable, double value) => Compare(variable, ComparisonOperator.NumericEquals, JsonValue.Create(value));

    /// <summary>ASL's <c>NumericGreaterThan</c>.</summary>
    public static Condition NumericGreaterThan(string variable, double value) => Compare(variable, ComparisonOperator.NumericGreaterThan, JsonValue.Create(value));

    /// <summary>ASL's <c>NumericLessThan</c>.</summary>
    public static Condition NumericLessThan(string variable, double value) => Compare(variable, ComparisonOperator.NumericLessThan, JsonValue.Create(value));

    /// <summary>ASL's <c>BooleanEquals</c>.</summary>
    public static Condition BooleanEquals(string variable, bool value) => Compare(variable, ComparisonOperator.BooleanEquals, JsonValue.Create(value));

    /// <summary>ASL's <c>IsPresent</c>.</summary>
    public static Condition IsPresent(string variable, bool value = true) => Compare(variable, ComparisonOperator.IsPresent, JsonValue.Create(value));

    /// <summary>ASL's <c>And</c>.</summary>
    public static Condition And(params Condition[] conditions) => new AndCondition(conditions);

    /// <summary>ASL's <c>Or</c>.</summary>
    public static Condition Or(params Condition[] conditions) => new OrCondition(conditions);

    /// <summary>ASL's <c>Not</c>.</summary>
    public static Condition Not(Condition condition) => new NotCondition(condition);
}
