using DurableAgents.Protocol.Grpc;

namespace DurableAgents.Worker.Hosting;

/// <summary>Creates the gRPC channel to the sidecar, with the API key header when one is configured.</summary>
internal static class SidecarChannelFactory
{
    public static GrpcChannel Create(DurableTaskWorkerOptions options)
    {
        var channelOptions = new GrpcChannelOptions();
        if (options.ApiKey is { } apiKey)
        {
            channelOptions.DefaultHeaders[options.ApiKeyHeaderName] = apiKey;
        }

        return GrpcChannel.ForAddress(options.Address, channelOptions);
    }
}
