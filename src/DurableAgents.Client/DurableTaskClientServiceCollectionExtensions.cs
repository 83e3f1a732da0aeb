using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableAgents.Client;

/// <summary>Registers <see cref="DurableTaskClient"/> as a singleton that talks to a sidecar over gRPC.</summary>
public static class DurableTaskClientServiceCollectionExtensions
{
    /// <summary>Adds the client, e.g. <c>services.AddDurableTaskClient(b => b.UseGrpc("http://127.0.0.1:4001"))</c>.</summary>
    public static IServiceCollection AddDurableTaskClient(this IServiceCollection services, Action<IDurableTaskClientBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(DurableTaskClient)))
        {
            throw new InvalidOperationException(
                "A DurableTaskClient is already registered. Configure it in one AddDurableTaskClient call, or create more clients with new GrpcDurableTaskClient(options).");
        }

        var name = Options.DefaultName;
        services.AddOptions<GrpcDurableTaskClientOptions>(name)
            .Validate(o => !string.IsNullOrWhiteSpace(o.Address), "GrpcDurableTaskClientOptions.Address is empty; set the sidecar address with UseGrpc(\"http://127.0.0.1:4001\").")
            .Validate(o => o.DataConverter is not null, "GrpcDurableTaskClientOptions.DataConverter is null; leave it unset to use JsonDataConverter.Default.")
            .Validate(o => o.ApiKey is null || !string.IsNullOrWhiteSpace(o.ApiKeyHeaderName), "GrpcDurableTaskClientOptions.ApiKeyHeaderName is empty while an ApiKey is set.");
        services.AddSingleton<DurableTaskClient>(provider =>
            new GrpcDurableTaskClient(provider.GetRequiredService<IOptionsMonitor<GrpcDurableTaskClientOptions>>().Get(name), "grpc"));
        configure?.Invoke(new DurableTaskClientBuilder(name, services));
        return services;
    }
}
