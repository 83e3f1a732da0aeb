namespace DurableAgents;

/// <summary>What an identifier checked by <see cref="Identifiers"/> names; used in its messages.</summary>
public enum IdentifierKind
{
    /// <summary>An orchestration instance id.</summary>
    InstanceId,

    /// <summary>The start of instance ids, as a list filter.</summary>
    InstanceIdPrefix,

    /// <summary>An orchestrator name.</summary>
    OrchestratorName,

    /// <summary>An external event name.</summary>
    EventName,

    /// <summary>A human approval's name.</summary>
    ApprovalName,
}
