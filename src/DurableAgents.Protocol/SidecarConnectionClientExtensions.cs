using Microsoft.DurableTask;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Protocol;

/// <summary>The official gRPC client over a <see cref="SidecarConnection"/> (its address, message limit and API key).</summary>
public static class SidecarConnectionClientExtensions
{
    /// <summary>
    /// Creates the official <see cref="GrpcDurableTaskClient"/> that calls the sidecar through <paramref name="connection"/>.
    /// The connection keeps owning the channel: dispose the client, then the connection.
    /// </summary>
    /// <param name="connection">The sidecar connection whose call invoker (API key included) the client uses.</param>
    /// <param name="converter">Converts inputs, outputs and events; the SDK's default JSON when null. Use the converter the workers use.</param>
    /// <param name="logger">The client's logger; none when null.</param>
    /// <param name="name">The client's name.</param>
    public static GrpcDurableTaskClient CreateDurableTaskClient(
        this SidecarConnection connection, DataConverter? converter = null, ILogger? logger = null, string name = "DurableAgents")
    {
        ArgumentNullException.ThrowIfNull(connection);
        var options = new GrpcDurableTaskClientOptions { CallInvoker = connection.CallInvoker };
        if (converter is not null)
        {
            options.DataConverter = converter;
        }

        return new GrpcDurableTaskClient(name, options, logger ?? NullLogger.Instance);
    }
}
