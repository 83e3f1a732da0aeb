using System.Text.Json.Serialization;

namespace DurableAgents.Workflows;

/// <summary>
/// The custom status the shipped workflows publish: <c>{"phase":"running","completed":1,"total":3}</c>. While a
/// workflow waits for a human, the approval helper's <c>{"waitingForApproval":{...}}</c> status is shown instead, so
/// the management API lists the wait.
/// </summary>
/// <param name="Phase">What the workflow is doing (see <see cref="WorkflowPhases"/>).</param>
public sealed record WorkflowStatus([property: JsonPropertyName("phase")] string Phase)
{
    /// <summary>Steps finished in this phase, when it counts steps.</summary>
    [JsonPropertyName("completed")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Completed { get; init; }

    /// <summary>Steps in this phase, when it counts steps.</summary>
    [JsonPropertyName("total")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Total { get; init; }

    /// <summary>Attempt number, for phases that retry (planning).</summary>
    [JsonPropertyName("attempt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Attempt { get; init; }

    /// <summary>A short human-readable note.</summary>
    [JsonPropertyName("detail")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Detail { get; init; }
}
