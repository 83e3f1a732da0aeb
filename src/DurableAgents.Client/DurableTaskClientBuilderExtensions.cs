using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Client;

/// <summary>The configuration calls of <see cref="IDurableTaskClientBuilder"/>.</summary>
public static class DurableTaskClientBuilderExtensions
{
    /// <summary>Talks to the sidecar at <paramref name="address"/>, e.g. <c>http://127.0.0.1:4001</c> or <c>127.0.0.1:4001</c>.</summary>
    public static IDurableTaskClientBuilder UseGrpc(this IDurableTaskClientBuilder builder, string address)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return builder.Configure(options => options.Address = address);
    }

    /// <summary>Talks to the sidecar at <paramref name="address"/>.</summary>
    public static IDurableTaskClientBuilder UseGrpc(this IDurableTaskClientBuilder builder, Uri address)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(address);
        return builder.Configure(options => options.Address = address.ToString());
    }

    /// <summary>Talks to the sidecar at the default address, <see cref="GrpcDurableTaskClientOptions.DefaultAddress"/>.</summary>
    public static IDurableTaskClientBuilder UseGrpc(this IDurableTaskClientBuilder builder) =>
        builder.UseGrpc(GrpcDurableTaskClientOptions.DefaultAddress);

    /// <summary>Changes the client's options (address, API key, data converter).</summary>
    public static IDurableTaskClientBuilder Configure(this IDurableTaskClientBuilder builder, Action<GrpcDurableTaskClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }
}
