namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>One line of an <see cref="Order"/>.</summary>
public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice);
