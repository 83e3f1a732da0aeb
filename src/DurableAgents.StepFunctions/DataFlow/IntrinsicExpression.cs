using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>A parsed argument of an intrinsic function: a literal, a path, or a nested call.</summary>
internal abstract record IntrinsicExpression
{
    /// <summary>A string, number, Boolean or null literal. <see cref="Raw"/> keeps a string's escapes, which States.Format needs.</summary>
    public sealed record Literal(JsonNode? Value, string? Raw) : IntrinsicExpression;

    /// <summary>A path into the input (<c>$</c>) or the context object (<c>$$</c>).</summary>
    public sealed record Path(JsonPath Value) : IntrinsicExpression;

    /// <summary>A call of a <c>States.*</c> function.</summary>
    public sealed record Call(string Name, IReadOnlyList<IntrinsicExpression> Arguments) : IntrinsicExpression;
}
