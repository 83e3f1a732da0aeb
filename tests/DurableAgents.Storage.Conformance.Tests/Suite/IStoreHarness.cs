using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.Suite;

/// <summary>One store under test over its own fresh, empty task hub.</summary>
public interface IStoreHarness : IAsyncDisposable
{
    /// <summary>The open store.</summary>
    ITaskHubStore Store { get; }

    /// <summary>Closes the store and opens a new one over the same durable state.</summary>
    Task ReopenAsync();
}
