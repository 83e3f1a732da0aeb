using System.Text.Json.Serialization;

namespace DurableAgents.Workflows.Support;

/// <summary>How a support request ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SupportOutcome>))]
public enum SupportOutcome
{
    /// <summary>The reply was written and the ticket resolved with it.</summary>
    Answered,

    /// <summary>The compliance check refused the request: no reply was written and the ticket was cancelled.</summary>
    BlockedByCompliance,
}
