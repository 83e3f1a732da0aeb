using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;

namespace DurableAgents.Sidecar;

/// <summary>Serilog as the application's logging, configured from the "Serilog" configuration section.</summary>
public static class SidecarLoggingExtensions
{
    /// <summary>The configuration section Serilog is read from (Serilog.Settings.Configuration syntax).</summary>
    public const string SectionName = "Serilog";

    // Kestrel creates a diagnostics Activity and logging scope for every request while this category's logger is enabled
    // at any level; the sidecar serves thousands of gRPC calls a second and logs none of them here.
    private const string HostingDiagnosticsCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>
    /// Makes Serilog the application's logging (Serilog.AspNetCore's <c>AddSerilog</c>), read from the "Serilog" section;
    /// without that section, Information and above go to the console. Sinks, enrichers and filters registered in the
    /// services (for example an <see cref="Serilog.Core.ILogEventSink"/>) are added too. Events of the official Durable Task
    /// SDK that name an <c>instanceId</c> also get the <c>InstanceId</c> property DurableAgents' events carry. With it, <c>MapDurableAgentsSidecar</c>
    /// logs each management API request (see <see cref="SidecarRequestLoggingExtensions"/>).
    /// </summary>
    public static TBuilder AddDurableAgentsSerilog<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfiguration configuration = builder.Configuration;
        bool configured = configuration.GetSection(SectionName).Exists();

        builder.Logging.ClearProviders();

        // The host's own logger, not the static Log.Logger: several hosts may share a process (tests, the all-in-one host).
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                if (configured)
                {
                    logger.ReadFrom.Configuration(configuration);
                }
                else
                {
                    logger.MinimumLevel.Information()
                        .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                        .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
                }

                // Serilog's logger factory replaces Microsoft.Extensions.Logging's, so a logging filter would not apply;
                // the override does, after the configured ones so that it wins.
                logger.MinimumLevel.Override(HostingDiagnosticsCategory, LevelAlias.Off)
                    .Enrich.With<DurableTaskInstanceIdEnricher>()
                    .ReadFrom.Services(services);
            },
            preserveStaticLogger: true);
        return builder;
    }
}
