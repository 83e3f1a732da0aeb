namespace DurableAgents.Conformance.Tests.Infrastructure;

/// <summary>
/// The contract between the scenarios and an executor: one shared environment for the class (fast; scenarios use unique
/// instance ids) and dedicated environments for scenarios that need their own sidecar (restart, message limits).
/// </summary>
public abstract class ConformanceFixture : IAsyncLifetime
{
    private ConformanceEnvironment? _shared;

    /// <summary>The environment shared by the scenarios of one test class.</summary>
    public ConformanceEnvironment Shared => _shared ?? throw new InvalidOperationException("The fixture has not been initialised.");

    /// <summary>Starts a sidecar (in a fresh database), a worker with the scenario tasks and a client.</summary>
    public abstract Task<ConformanceEnvironment> StartEnvironmentAsync(ConformanceEnvironmentOptions options);

    /// <summary>
    /// True when the executor records an activity's input as a one-element parameter array (<c>[input]</c>, the
    /// official .NET worker's DurableTask.Core convention); false when it records the input itself, as ours and
    /// durabletask-js do. Activities of the official worker accept both forms.
    /// </summary>
    public virtual bool RecordsActivityInputAsParameterArray => false;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _shared = await StartEnvironmentAsync(new ConformanceEnvironmentOptions());

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_shared is not null)
        {
            await _shared.DisposeAsync();
        }
    }
}
