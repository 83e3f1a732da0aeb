using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Backends;

/// <summary>The instances a list returned, and whether more matched than were asked for.</summary>
internal sealed record InstanceList(IReadOnlyList<OrchestrationMetadata> Instances, bool HasMore);
