namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>The typed output of the round-trip scenario, computed by an activity from an <see cref="Order"/>.</summary>
public sealed record Invoice(string OrderId, decimal Total, int Items, string City, DateTimeOffset PlacedAt, IReadOnlyList<string> Skus, string? Note);
