using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions;

/// <summary>
/// ASL's data-test expression: <c>{"Variable": path, Operator: value}</c>. For the <c>...Path</c> operators the value is
/// a string path to compare against; for the type tests (IsNull, IsPresent, ...) a Boolean; otherwise a literal of the
/// operator's type (a string for String*, Timestamp* and StringMatches, a number for Numeric*, a Boolean for BooleanEquals).
/// </summary>
/// <param name="Variable">The path of the value tested.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Value">The operand.</param>
public sealed record ComparisonCondition(string Variable, ComparisonOperator Operator, JsonNode? Value) : Condition;
