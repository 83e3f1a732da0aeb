using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Protocol.Grpc;

/// <summary>Maps a <see cref="GrpcServiceDefinition"/> onto ASP.NET Core endpoint routing.</summary>
public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /{Service}/{Method}</c> for every registered method; any other method of the service
    /// answers UNIMPLEMENTED. The endpoint must be served over HTTP/2 (see <c>ListenGrpc</c>).
    /// </summary>
    /// <returns>The route group, for further conventions such as authorization.</returns>
    public static RouteGroupBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, GrpcServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(definition);

        var loggerFactory = endpoints.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("DurableAgents.Protocol.Grpc");
        var group = endpoints.MapGroup("/" + definition.ServiceName);
        foreach (var method in definition.Methods)
        {
            group.MapPost("/" + method.Name, httpContext => method.HandleAsync(httpContext, logger))
                .WithDisplayName("gRPC " + method.FullName);
        }

        // The catch-all has lower precedence than the literal method routes above.
        group.MapPost("/{**unknownMethod}", GrpcServerResponses.WriteUnimplementedAsync)
            .WithDisplayName($"gRPC /{definition.ServiceName}/ (unimplemented)");
        return group;
    }
}
