namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>What the NewGuid scenario computes: the guid made before an activity, the activity's echo of it, and a second guid.</summary>
public sealed record GuidReport(Guid BeforeActivity, Guid EchoedByActivity, Guid AfterActivity);
