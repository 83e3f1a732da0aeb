namespace DurableAgents.Workflows.SideEffects;

/// <summary>Input of <see cref="CreateTicketActivity"/>.</summary>
/// <param name="Title">One line describing the ticket.</param>
/// <param name="Body">The ticket's text.</param>
public sealed record CreateTicketInput(string Title, string? Body = null);
