namespace DurableAgents.Cli.Tests.Infrastructure;

/// <summary>One sidecar and worker shared by the end-to-end classes; each test uses its own instance ids.</summary>
[CollectionDefinition(Name)]
public sealed class SharedSidecarDefinition : ICollectionFixture<SharedSidecar>
{
    public const string Name = "cli sidecar";
}
