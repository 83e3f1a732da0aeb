using DurableTask.Core.Exceptions;

namespace DurableAgents;

/// <summary>
/// An instance with the id exists and may not be replaced, so it cannot be started again under that id. It is the official
/// client's <see cref="OrchestrationAlreadyExistsException"/> (what GrpcDurableTaskClient raises for ALREADY_EXISTS), so code
/// written against the official contract catches it the same in process; it adds the id and the existing status.
/// </summary>
public sealed class InstanceAlreadyExistsException : OrchestrationAlreadyExistsException
{
    /// <summary>The existing instance has not finished.</summary>
    public InstanceAlreadyExistsException(string instanceId, OrchestrationStatus status)
        : this(instanceId, status, $"An orchestration instance with id '{instanceId}' already exists and is {status}. Use another id, or wait until it finishes (or terminate it) before starting it again.")
    {
    }

    /// <summary>The existing instance may not be replaced for the reason <paramref name="message"/> gives (e.g. a start's reuse policy).</summary>
    public InstanceAlreadyExistsException(string instanceId, OrchestrationStatus status, string message)
        : base(message)
    {
        InstanceId = instanceId;
        Status = status;
    }

    /// <summary>The id in use.</summary>
    public string InstanceId { get; }

    /// <summary>The existing instance's status.</summary>
    public OrchestrationStatus Status { get; }
}
