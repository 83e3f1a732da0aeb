using OpenTelemetry.Exporter;

namespace DurableAgents.Host;

/// <summary>OpenTelemetry export of the host's traces and metrics (section "OpenTelemetry"); off unless <see cref="Enabled"/>.</summary>
public sealed class HostTelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "OpenTelemetry";

    /// <summary>Collects and exports spans and metrics when true; when false nothing is collected.</summary>
    public bool Enabled { get; set; }

    /// <summary>The OTLP collector, e.g. http://127.0.0.1:4317 (gRPC) or http://127.0.0.1:4318 (HTTP); empty exports over OTLP nowhere.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
    public OtlpExportProtocol Protocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>The service.name resource attribute the spans and metrics carry.</summary>
    public string ServiceName { get; set; } = "durableagents";
}
