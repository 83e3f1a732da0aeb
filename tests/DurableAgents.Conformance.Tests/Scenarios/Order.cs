namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>An order: the typed input of the round-trip scenario (nested records, a list, a decimal, a date, a null).</summary>
public sealed record Order(string OrderId, IReadOnlyList<OrderLine> Lines, ShippingAddress ShipTo, DateTimeOffset PlacedAt, string? Note);
