using System.Text.Json.Serialization;

namespace DurableAgents.Workflows.Supervisor;

/// <summary>How a subtask ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SubtaskStatus>))]
public enum SubtaskStatus
{
    /// <summary>An agent answered.</summary>
    Completed,

    /// <summary>It did not run: its approval was rejected or timed out, or every capable agent refused the budget.</summary>
    Skipped,
}
