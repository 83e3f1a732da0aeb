using System.Text.Json.Serialization;

namespace DurableAgents.Management.Contracts;

/// <summary>How many instances a purge deleted.</summary>
public sealed record PurgeHistoryPayload([property: JsonPropertyName("instancesDeleted")] int InstancesDeleted);
