using DurableAgents.Management.Approvals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DurableAgents.Management;

/// <summary>Registers the services behind <see cref="ManagementEndpointRouteBuilderExtensions.MapDurableTaskManagementApi"/>.</summary>
public static class ManagementServiceCollectionExtensions
{
    /// <summary>
    /// Adds the management API's services and binds <see cref="ManagementApiOptions"/> from the configuration section
    /// "Management" (the API key falls back to the configuration key or environment variable DURABLEAGENTS_API_KEY).
    /// The host must also register a <see cref="Client.DurableTaskClient"/>, and may register an
    /// <see cref="IOrchestratorCatalog"/>.
    /// </summary>
    public static IServiceCollection AddDurableTaskManagementApi(
        this IServiceCollection services, Action<ManagementApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<ManagementApiOptions>()
            .BindConfiguration(ManagementApiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<ManagementApiOptions>, ApiKeyFallback>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<ApprovalAnswerLedger>();
        services.TryAddSingleton<ManagementApi>();
        return services;
    }

    /// <summary>Fills an unset API key from DURABLEAGENTS_API_KEY (configuration first, then the process environment).</summary>
    private sealed class ApiKeyFallback(IConfiguration? configuration = null) : IPostConfigureOptions<ManagementApiOptions>
    {
        public void PostConfigure(string? name, ManagementApiOptions options)
        {
            if (!string.IsNullOrEmpty(options.ApiKey))
            {
                return;
            }

            string? fromConfiguration = configuration?[ManagementApiOptions.ApiKeyEnvironmentVariable];
            options.ApiKey = !string.IsNullOrEmpty(fromConfiguration)
                ? fromConfiguration
                : Environment.GetEnvironmentVariable(ManagementApiOptions.ApiKeyEnvironmentVariable);
        }
    }
}

/// <summary>Proves that <see cref="ManagementServiceCollectionExtensions.AddDurableTaskManagementApi"/> ran; also the log category of the API.</summary>
internal sealed class ManagementApi;
