using System.Text.Json.Serialization;

namespace DurableAgents.Approvals;

/// <summary>How a human approval ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApprovalOutcome>))]
public enum ApprovalOutcome
{
    /// <summary>A person approved.</summary>
    Approved,
    /// <summary>A person rejected.</summary>
    Rejected,
    /// <summary>Nobody answered before the timeout.</summary>
    TimedOut,
}
