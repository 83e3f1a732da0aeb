namespace DurableAgents.Host.Tests.Fakes;

/// <summary>One Converse request as the fake endpoint saw it.</summary>
/// <param name="Agent">The agent whose system prompt the request carried ("?" when none matched).</param>
/// <param name="ModelId">The model id from the path.</param>
/// <param name="CorrelationId">The x-correlation-id header ("{instanceId}:{taskId}" from InvokeAgent).</param>
/// <param name="Authorization">The Authorization header (a SigV4 signature).</param>
internal sealed record ConverseCall(string Agent, string ModelId, string? CorrelationId, string? Authorization);
