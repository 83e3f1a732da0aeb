namespace DurableAgents.Cli.Tests.Infrastructure;

/// <summary>The shared <see cref="SidecarHost"/>, started once for the collection.</summary>
// xunit disposes it through IAsyncLifetime.DisposeAsync.
#pragma warning disable CA1001
public sealed class SharedSidecar : IAsyncLifetime
#pragma warning restore CA1001
{
    private SidecarHost? _host;

    public SidecarHost Host => _host ?? throw new InvalidOperationException("The sidecar has not started.");

    public async Task InitializeAsync() => _host = await SidecarHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
