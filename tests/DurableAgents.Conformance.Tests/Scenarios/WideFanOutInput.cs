namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>How many activities the wide fan-out schedules and how large each one's input is.</summary>
public sealed record WideFanOutInput(int Count, int Size);
