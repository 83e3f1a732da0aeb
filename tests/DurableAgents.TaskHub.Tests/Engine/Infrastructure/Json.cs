using System.Text.Json;

namespace DurableAgents.TaskHub.Tests.Engine.Infrastructure;

/// <summary>JSON text helpers for activity payloads.</summary>
internal static class Json
{
    public static string Of<T>(T value) => JsonSerializer.Serialize(value);

    public static T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json);
}
