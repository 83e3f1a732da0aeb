using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Worker;

/// <summary>The configuration calls of <see cref="IDurableTaskWorkerBuilder"/>.</summary>
public static class DurableTaskWorkerBuilderExtensions
{
    /// <summary>Registers orchestrators and activities; may be called more than once.</summary>
    public static IDurableTaskWorkerBuilder AddTasks(this IDurableTaskWorkerBuilder builder, Action<DurableTaskRegistry> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }

    /// <summary>Connects to the sidecar at <paramref name="address"/>, e.g. <c>http://127.0.0.1:4001</c> or <c>127.0.0.1:4001</c>.</summary>
    public static IDurableTaskWorkerBuilder UseGrpc(this IDurableTaskWorkerBuilder builder, string address)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return builder.Configure(options => options.Address = address);
    }

    /// <summary>Connects to the sidecar at <paramref name="address"/>.</summary>
    public static IDurableTaskWorkerBuilder UseGrpc(this IDurableTaskWorkerBuilder builder, Uri address)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(address);
        return builder.Configure(options => options.Address = address.ToString());
    }

    /// <summary>Connects to the sidecar at the default address, <see cref="DurableTaskWorkerOptions.DefaultAddress"/>.</summary>
    public static IDurableTaskWorkerBuilder UseGrpc(this IDurableTaskWorkerBuilder builder) =>
        builder.UseGrpc(DurableTaskWorkerOptions.DefaultAddress);

    /// <summary>Changes the worker's options (concurrency, cache, data converter, reconnect and shutdown timing, API key).</summary>
    public static IDurableTaskWorkerBuilder Configure(this IDurableTaskWorkerBuilder builder, Action<DurableTaskWorkerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.Configure(builder.Name, configure);
        return builder;
    }
}
