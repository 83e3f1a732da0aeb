namespace DurableAgents.Dashboard.Tests.Infrastructure;

/// <summary>One host without an API key, shared by a test class.</summary>
public sealed class OpenHostFixture : IAsyncLifetime
{
    private DashboardHost? _host;

    internal DashboardHost Host => _host!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
