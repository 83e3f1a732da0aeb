namespace DurableAgents.Integration.Tests.Crash;

/// <summary>The crash tests run one after the other: each keeps both cores busy with real processes for a while.</summary>
[CollectionDefinition(Name)]
public sealed class CrashTestGroup
{
    public const string Name = "Crash";
}
