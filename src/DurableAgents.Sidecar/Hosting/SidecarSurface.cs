namespace DurableAgents.Sidecar.Hosting;

/// <summary>Endpoint metadata: which listener (gRPC or management) a route belongs to, so each is served only on its own port.</summary>
internal sealed record SidecarSurface(bool IsGrpc);
