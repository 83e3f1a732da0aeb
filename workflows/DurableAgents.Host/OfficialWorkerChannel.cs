using DurableAgents.Worker;
using Grpc.Net.Client;

namespace DurableAgents.Host;

/// <summary>The gRPC channel the official worker uses when <c>Worker:Executor</c> is Official: same address and API key as ours.</summary>
internal static class OfficialWorkerChannel
{
    public static GrpcChannel Open(DurableAgentsWorkerOptions options)
    {
        string address = options.Address.Contains("://", StringComparison.Ordinal) ? options.Address : "http://" + options.Address;
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        HttpMessageHandler httpHandler = options.ApiKey is { Length: > 0 } apiKey
            ? new ApiKeyHandler(options.ApiKeyHeaderName, apiKey) { InnerHandler = handler }
            : handler;
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = httpHandler, MaxReceiveMessageSize = 16 * 1024 * 1024 });
    }

    // Adds the sidecar's API key to every call, as our executor does.
    private sealed class ApiKeyHandler(string headerName, string apiKey) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation(headerName, apiKey);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
