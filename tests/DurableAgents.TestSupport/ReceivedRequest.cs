using System.Text.Json;

namespace DurableAgents.TestSupport;

/// <summary>A request as a fake server saw it on the wire.</summary>
public sealed record ReceivedRequest(
    string Method,
    string RawTarget,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    bool SignatureValid,
    string? SignatureError,
    IReadOnlyList<string> SignedHeaders)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out string? value) ? value : null;
}
