namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>Where an <see cref="Order"/> goes.</summary>
public sealed record ShippingAddress(string Street, string City, string Country);
