using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serilog;
using Serilog.Extensions.Hosting;

namespace DurableAgents.Sidecar;

/// <summary>One Serilog event per management API request; gRPC calls are not logged.</summary>
public static class SidecarRequestLoggingExtensions
{
    private const string GrpcContentType = "application/grpc";
    private static readonly PathString GrpcServicePath = new("/TaskHubSidecarService");

    /// <summary>
    /// Adds Serilog.AspNetCore's request logging (one event per request, source context
    /// <c>Serilog.AspNetCore.RequestLoggingMiddleware</c>, Information unless the request failed) for every request but
    /// gRPC calls. Does nothing unless <see cref="SidecarLoggingExtensions.AddDurableAgentsSerilog"/> made Serilog the
    /// application's logging, since the middleware writes to that logger.
    /// </summary>
    public static IApplicationBuilder UseDurableAgentsRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<DiagnosticContext>() is null
            || app.ApplicationServices.GetService<Serilog.ILogger>() is not { } logger)
        {
            return app;
        }

        // The sidecar serves thousands of gRPC calls a second: they skip the branch after a header and path check, so
        // the middleware's per-request stopwatch, diagnostic-context collector and level check never run for them.
        // The host's logger is passed explicitly: the middleware would otherwise write to the static Log.Logger.
        return app.UseWhen(
            context => !IsGrpcCall(context.Request),
            branch => branch.UseSerilogRequestLogging(options => options.Logger = logger));
    }

    /// <summary>True for a gRPC (or gRPC-Web) call: its content type, or a path of the sidecar's gRPC service.</summary>
    internal static bool IsGrpcCall(HttpRequest request) =>
        (request.ContentType is { } contentType && contentType.StartsWith(GrpcContentType, StringComparison.OrdinalIgnoreCase))
        || request.Path.StartsWithSegments(GrpcServicePath, StringComparison.OrdinalIgnoreCase);
}
