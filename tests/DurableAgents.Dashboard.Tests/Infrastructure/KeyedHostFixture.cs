namespace DurableAgents.Dashboard.Tests.Infrastructure;

/// <summary>One host that requires an API key, shared by a test class.</summary>
public sealed class KeyedHostFixture : IAsyncLifetime
{
    public const string ApiKey = "dashboard-tests-key-41c9";

    private DashboardHost? _host;

    internal DashboardHost Host => _host!;

    public async Task InitializeAsync() => _host = await DashboardHost.StartAsync(ApiKey);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
