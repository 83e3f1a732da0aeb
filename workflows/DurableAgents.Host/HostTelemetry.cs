using DurableAgents.Agents;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DurableAgents.Host;

/// <summary>Wires OpenTelemetry (traces and metrics) into the host when OpenTelemetry:Enabled is true.</summary>
internal static class HostTelemetry
{
    /// <summary>The Durable Task SDK's source; our executor and in-process client emit under it too.</summary>
    public const string DurableTaskSource = "Microsoft.DurableTask";

    /// <summary>The meter of the engine's, the worker's and the agents' instruments.</summary>
    public const string MeterName = "DurableAgents";

    /// <summary>Adds tracing of the Durable Task and agent sources (and of HTTP requests when <paramref name="aspNetCore"/> is true) and the DurableAgents meter.</summary>
    public static void AddHostTelemetry(this IServiceCollection services, IConfiguration configuration, bool aspNetCore)
    {
        HostTelemetryOptions options = Read(configuration);
        if (!options.Enabled)
        {
            return;
        }

        OpenTelemetryBuilder telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName));
        telemetry.WithTracing(tracing =>
        {
            tracing.AddSource(DurableTaskSource, AgentCallSpan.SourceName);
            if (aspNetCore)
            {
                // The worker's gRPC calls to the sidecar are long-lived streams that carry no trace of their own: a
                // span per call would only be noise. The work items they carry are traced by the executor.
                tracing.AddAspNetCoreInstrumentation(o => o.Filter = context => !IsGrpc(context.Request));
            }
        });

        telemetry.WithMetrics(metrics => metrics.AddMeter(MeterName));
        if (!string.IsNullOrWhiteSpace(options.Endpoint))
        {
            telemetry.UseOtlpExporter(options.Protocol, new Uri(options.Endpoint, UriKind.Absolute));
        }
    }

    /// <summary>Reads and checks the section, so a bad value stops the start with the setting's name instead of failing later.</summary>
    /// <exception cref="HostCannotStartException">A value of the section is invalid.</exception>
    private static HostTelemetryOptions Read(IConfiguration configuration)
    {
        var options = new HostTelemetryOptions();
        try
        {
            configuration.GetSection(HostTelemetryOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException invalid)
        {
            throw new HostCannotStartException(
                $"Cannot start: a setting under {HostTelemetryOptions.SectionName} is invalid ({invalid.Message.ReplaceLineEndings(" ")}). OpenTelemetry:Enabled is true or false; OpenTelemetry:Protocol is Grpc or HttpProtobuf.",
                invalid);
        }

        if (options.Enabled && !string.IsNullOrWhiteSpace(options.Endpoint)
            && !(Uri.TryCreate(options.Endpoint, UriKind.Absolute, out Uri? endpoint) && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)))
        {
            throw new HostCannotStartException(
                $"Cannot start: OpenTelemetry:Endpoint '{options.Endpoint}' is not an http(s) URL. Use the collector's address, e.g. http://127.0.0.1:4317 (Grpc) or http://127.0.0.1:4318 (HttpProtobuf), or leave it empty.");
        }

        return options;
    }

    private static bool IsGrpc(HttpRequest request) =>
        request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
}
