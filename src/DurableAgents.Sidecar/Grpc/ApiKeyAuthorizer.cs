using System.Security.Cryptography;
using System.Text;
using Grpc.Core;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>Refuses calls without the configured API key (UNAUTHENTICATED); lets every call through when none is configured.</summary>
internal sealed class ApiKeyAuthorizer
{
    private readonly byte[]? _expected;

    public ApiKeyAuthorizer(string? apiKey)
    {
        _expected = string.IsNullOrEmpty(apiKey) ? null : Hash(apiKey);
    }

    public bool Enabled => _expected is not null;

    public void Check(ServerCallContext call)
    {
        if (_expected is null)
        {
            return;
        }

        string? presented = call.RequestHeaders.GetValue(SidecarOptions.ApiKeyHeaderName);
        if (string.IsNullOrEmpty(presented))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"This sidecar requires an API key: send it in the '{SidecarOptions.ApiKeyHeaderName}' metadata header."));
        }

        // Hashes of equal length compared in constant time, so timing reveals neither the key's length nor a matching prefix.
        if (!CryptographicOperations.FixedTimeEquals(Hash(presented), _expected))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated,
                $"The API key in the '{SidecarOptions.ApiKeyHeaderName}' metadata header is not this sidecar's key. Check the key configured as Sidecar:ApiKey or {SidecarOptions.ApiKeyEnvironmentVariable}."));
        }
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
