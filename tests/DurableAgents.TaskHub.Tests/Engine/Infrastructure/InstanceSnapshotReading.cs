using DurableAgents.Converters;

namespace DurableAgents.TaskHub.Tests.Engine.Infrastructure;

/// <summary>Reads a snapshot's payloads as the engine's clients wrote them (the HTTP API's JSON, TaskHubClient's default).</summary>
internal static class InstanceSnapshotReading
{
    public static T? ReadInputAs<T>(this InstanceSnapshot snapshot) => WebJsonDataConverter.Default.Deserialize<T>(snapshot.SerializedInput);

    public static T? ReadOutputAs<T>(this InstanceSnapshot snapshot) => WebJsonDataConverter.Default.Deserialize<T>(snapshot.SerializedOutput);

    public static T? ReadCustomStatusAs<T>(this InstanceSnapshot snapshot) => WebJsonDataConverter.Default.Deserialize<T>(snapshot.SerializedCustomStatus);
}
