namespace DurableAgents.TestSupport;

/// <summary>What a fake server answers to one request.</summary>
public sealed record ScriptedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);
