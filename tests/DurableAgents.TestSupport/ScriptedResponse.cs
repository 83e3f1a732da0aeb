namespace DurableAgents.Agents.Tests.Fakes;

/// <summary>What a fake server answers to one request.</summary>
internal sealed record ScriptedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);
