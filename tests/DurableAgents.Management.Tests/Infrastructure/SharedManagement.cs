namespace DurableAgents.Management.Tests.Infrastructure;

/// <summary>One test host and management server shared by the tests of a class (default options, no API key).</summary>
public sealed class SharedManagement : IAsyncLifetime
{
    private ManagementFixture? _fixture;

    internal ManagementFixture Fixture => _fixture ?? throw new InvalidOperationException("The shared management server has not started.");

    public async Task InitializeAsync() => _fixture = await ManagementFixture.StartAsync();

    public async Task DisposeAsync()
    {
        if (_fixture is not null)
        {
            await _fixture.DisposeAsync();
        }
    }
}
