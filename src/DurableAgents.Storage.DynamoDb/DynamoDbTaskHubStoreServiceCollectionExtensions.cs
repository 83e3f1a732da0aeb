using DurableAgents.TaskHub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.Storage.DynamoDb;

/// <summary>Registers the DynamoDB task hub store as the <see cref="ITaskHubStore"/> and the <see cref="ITaskHubPartitionedStore"/>.</summary>
public static class DynamoDbTaskHubStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DynamoDbTaskHubStore"/> as a singleton <see cref="ITaskHubStore"/> with options bound from the
    /// <c>TaskHub:DynamoDb</c> section of <paramref name="configuration"/> (the application's root configuration).
    /// </summary>
    public static IServiceCollection AddDynamoDbTaskHubStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<DynamoDbTaskHubStoreOptions>().Bind(configuration.GetSection(DynamoDbTaskHubStoreOptions.SectionName));
        return AddStore(services);
    }

    /// <summary>Registers <see cref="DynamoDbTaskHubStore"/> as a singleton <see cref="ITaskHubStore"/> configured in code.</summary>
    public static IServiceCollection AddDynamoDbTaskHubStore(this IServiceCollection services, Action<DynamoDbTaskHubStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<DynamoDbTaskHubStoreOptions>().Configure(configure);
        return AddStore(services);
    }

    private static IServiceCollection AddStore(IServiceCollection services)
    {
        services.AddOptions<DynamoDbTaskHubStoreOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider => new DynamoDbTaskHubStore(
            provider.GetRequiredService<IOptions<DynamoDbTaskHubStoreOptions>>().Value,
            provider.GetService<ILogger<DynamoDbTaskHubStore>>()));
        services.AddSingleton<ITaskHubStore>(provider => provider.GetRequiredService<DynamoDbTaskHubStore>());
        services.AddSingleton<ITaskHubPartitionedStore>(provider => provider.GetRequiredService<DynamoDbTaskHubStore>());
        return services;
    }
}
