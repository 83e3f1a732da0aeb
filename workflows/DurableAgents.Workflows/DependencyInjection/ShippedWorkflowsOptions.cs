namespace DurableAgents.Workflows.DependencyInjection;

/// <summary>Settings of the shipped workflows, bound from the configuration section "Workflows".</summary>
public sealed class ShippedWorkflowsOptions
{
    /// <summary>Name of the configuration section these options bind from.</summary>
    public const string SectionName = "Workflows";

    /// <summary>
    /// A JSON Lines file for the side-effect ledger, so idempotency survives restarts; when empty the ledger lives in
    /// memory.
    /// </summary>
    public string? LedgerPath { get; set; }
}
