using Microsoft.Extensions.Configuration;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>The appsettings.json the host ships with (copied next to the tests), read as the host reads it.</summary>
internal static class ShippedConfiguration
{
    public static IConfiguration Load() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: false)
        .Build();
}
