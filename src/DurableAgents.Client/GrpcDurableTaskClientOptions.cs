using DurableAgents.Converters;
using Microsoft.DurableTask;

namespace DurableAgents.Client;

/// <summary>Settings of <see cref="GrpcDurableTaskClient"/>: the sidecar address, an optional API key and the payload converter.</summary>
public sealed class GrpcDurableTaskClientOptions
{
    /// <summary>The sidecar address used when none is configured.</summary>
    public const string DefaultAddress = "http://127.0.0.1:4001";

    /// <summary>The header that carries <see cref="ApiKey"/> unless <see cref="ApiKeyHeaderName"/> says otherwise.</summary>
    public const string DefaultApiKeyHeaderName = "x-api-key";

    /// <summary>The sidecar's gRPC address, e.g. <c>http://127.0.0.1:4001</c> (<c>host:port</c> means cleartext http).</summary>
    public string Address { get; set; } = DefaultAddress;

    /// <summary>A shared secret sent on every call, for a sidecar that requires one; none when null.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The header that carries <see cref="ApiKey"/>.</summary>
    public string ApiKeyHeaderName { get; set; } = DefaultApiKeyHeaderName;

    /// <summary>Converts inputs, outputs and event payloads; <see cref="WebJsonDataConverter.Default"/> unless set.</summary>
    public DataConverter DataConverter { get; set; } = WebJsonDataConverter.Default;
}
