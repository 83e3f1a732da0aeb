using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DurableAgents.Sidecar.Health;

/// <summary>
/// <c>/healthz</c> (the process answers HTTP) and <c>/readyz</c> (engine recovered, store reachable) on the management
/// port, with ASP.NET Core health checks. Neither asks for the API key: probes from an orchestrator (Kubernetes, a load
/// balancer) carry no secrets, and the answers say nothing about instances.
/// </summary>
internal static class SidecarHealthEndpoints
{
    /// <summary>Tag of the checks <c>/readyz</c> runs; <c>/healthz</c> runs none, so it answers as long as requests are served.</summary>
    public const string ReadyTag = "ready";

    public const string LivePath = "/healthz";

    public const string ReadyPath = "/readyz";

    public static void AddSidecarHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<TaskHubReadyHealthCheck>("taskhub", tags: [ReadyTag]);
    }

    public static IEndpointConventionBuilder[] MapSidecarHealthChecks(this IEndpointRouteBuilder endpoints) =>
    [
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }),
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }),
    ];
}
