using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace DurableAgents.Sidecar;

/// <summary>Serilog as the application's logging, configured from the "Serilog" configuration section.</summary>
public static class SidecarLoggingExtensions
{
    /// <summary>
    /// Replaces the default logging providers with Serilog read from the "Serilog" section (Serilog.Settings.Configuration
    /// syntax); without that section, Information and above go to the console.
    /// </summary>
    public static TBuilder AddDurableAgentsSerilog<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = new LoggerConfiguration();
        if (builder.Configuration.GetSection("Serilog").Exists())
        {
            configuration.ReadFrom.Configuration(builder.Configuration);
        }
        else
        {
            configuration.MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(configuration.CreateLogger(), dispose: true);

        // Kestrel creates a diagnostics Activity for every request while any logger of this category is enabled;
        // the sidecar serves thousands of gRPC calls a second and logs none of them.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        return builder;
    }
}
