using DurableAgents.TaskHub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.Storage.Sqlite;

/// <summary>Registers the SQLite task hub store as the <see cref="ITaskHubStore"/>.</summary>
public static class SqliteTaskHubStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteTaskHubStore"/> as a singleton <see cref="ITaskHubStore"/> with options bound from the
    /// <c>TaskHub:Sqlite</c> section of <paramref name="configuration"/> (the application's root configuration).
    /// </summary>
    public static IServiceCollection AddSqliteTaskHubStore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SqliteTaskHubStoreOptions>()
            .Bind(configuration.GetSection(SqliteTaskHubStoreOptions.SectionName));
        return AddStore(services);
    }

    /// <summary>Registers <see cref="SqliteTaskHubStore"/> as a singleton <see cref="ITaskHubStore"/> configured in code.</summary>
    public static IServiceCollection AddSqliteTaskHubStore(this IServiceCollection services, Action<SqliteTaskHubStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteTaskHubStoreOptions>().Configure(configure);
        return AddStore(services);
    }

    private static IServiceCollection AddStore(IServiceCollection services)
    {
        services.AddOptions<SqliteTaskHubStoreOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(provider => new SqliteTaskHubStore(
            provider.GetRequiredService<IOptions<SqliteTaskHubStoreOptions>>().Value,
            provider.GetService<ILogger<SqliteTaskHubStore>>(),
            provider.GetService<TimeProvider>()));
        services.AddSingleton<ITaskHubStore>(provider => provider.GetRequiredService<SqliteTaskHubStore>());
        return services;
    }
}
