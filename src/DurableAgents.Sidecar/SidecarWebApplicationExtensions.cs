using DurableAgents.Dashboard;
using DurableAgents.Management;
using DurableAgents.Sidecar.Grpc;
using DurableAgents.Sidecar.Health;
using DurableAgents.Sidecar.Hosting;
using DurableAgents.Storage.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.Sidecar;

/// <summary>Maps the sidecar's gRPC service and management API onto a web application built with <see cref="SidecarWebApplicationBuilderExtensions.AddDurableAgentsSidecar"/>.</summary>
public static class SidecarWebApplicationExtensions
{
    /// <summary>
    /// Maps <c>/TaskHubSidecarService/*</c> (served only on the gRPC endpoint) and the management API (served only on the
    /// HTTP endpoint, when Sidecar:HttpEndpoint is set) with <c>/healthz</c>, <c>/readyz</c> and the web dashboard
    /// (<c>/dashboard/</c>, <c>/</c> redirects there) beside it.
    /// </summary>
    public static WebApplication MapDurableAgentsSidecar(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        TaskHubSidecarService service = app.Services.GetService<TaskHubSidecarService>()
            ?? throw new InvalidOperationException("The sidecar's services are missing. Call builder.AddDurableAgentsSidecar() before app.MapDurableAgentsSidecar().");
        SidecarEndpoints endpoints = app.Services.GetRequiredService<SidecarEndpoints>();

        int maxMessageBytes = app.Services.GetRequiredService<IOptions<SidecarOptions>>().Value.MaxMessageBytes;
        app.UseDurableAgentsRequestLogging();
        if (endpoints.HttpEnabled)
        {
            // Errors on the HTTP port that no management route produced (404, 405, 414) get problem bodies too; the
            // gRPC port is left alone, since gRPC reports errors in trailers.
            app.UseWhen(
                context => endpoints.IsHttpPort(context.Connection.LocalPort),
                branch => branch.UseDurableTaskManagementProblems());
        }

        app.Use((context, next) => ServeOnOwnEndpoint(context, next, endpoints, maxMessageBytes));
        app.MapGrpcService<TaskHubSidecarService>().WithMetadata(new SidecarSurface(IsGrpc: true));
        if (endpoints.HttpEnabled)
        {
            app.MapDurableTaskManagementApi().WithMetadata(new SidecarSurface(IsGrpc: false));
            app.MapDurableAgentsDashboard().WithMetadata(new SidecarSurface(IsGrpc: false));
            foreach (IEndpointConventionBuilder health in app.MapSidecarHealthChecks())
            {
                health.WithMetadata(new SidecarSurface(IsGrpc: false));
            }
        }

        ILogger logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("DurableAgents.Sidecar");
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            Logs.Listening(logger, endpoints.GrpcAddress, endpoints.HttpAddress?.ToString() ?? "(off)", service.RequiresApiKey);
            Logs.Database(logger, app.Services.GetService<IOptions<SqliteTaskHubStoreOptions>>()?.Value.DataSource ?? "(another store)");
        });
        return app;
    }

    /// <summary>gRPC routes answer only on the gRPC port and management routes only on the HTTP port (404 elsewhere).</summary>
    private static Task ServeOnOwnEndpoint(HttpContext context, RequestDelegate next, SidecarEndpoints endpoints, int maxMessageBytes)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<SidecarSurface>() is { } surface)
        {
            int port = context.Connection.LocalPort;
            bool wrongListener = surface.IsGrpc ? endpoints.IsHttpPort(port) : endpoints.IsGrpcPort(port);
            if (wrongListener)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            if (surface.IsGrpc)
            {
                GrpcLimitMessages.Watch(context, maxMessageBytes);
            }
        }

        return next(context);
    }
}
