namespace DurableAgents.Workflows.SideEffects;

/// <summary>Input of <see cref="CancelTicketActivity"/>.</summary>
/// <param name="TicketId">The ticket to cancel.</param>
/// <param name="Reason">Why it is cancelled.</param>
public sealed record CancelTicketInput(string TicketId, string Reason);
