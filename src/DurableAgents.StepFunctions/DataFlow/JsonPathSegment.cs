namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>One step of a <see cref="JsonPath"/>: a member name, an array index, or a wildcard.</summary>
/// <param name="Member">The member name; null for an index or wildcard.</param>
/// <param name="Index">The array index; null for a member or wildcard.</param>
internal sealed record JsonPathSegment(string? Member, int? Index)
{
    /// <summary>True for <c>.*</c> or <c>[*]</c>.</summary>
    public bool IsWildcard => Member is null && Index is null;

    public static JsonPathSegment Wildcard { get; } = new(null, null);
}
