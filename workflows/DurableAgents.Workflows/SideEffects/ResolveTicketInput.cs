namespace DurableAgents.Workflows.SideEffects;

/// <summary>Input of <see cref="ResolveTicketActivity"/>.</summary>
/// <param name="TicketId">The ticket to resolve.</param>
/// <param name="Resolution">The answer or outcome recorded on it.</param>
public sealed record ResolveTicketInput(string TicketId, string Resolution);
