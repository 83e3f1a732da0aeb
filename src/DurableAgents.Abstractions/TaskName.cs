namespace DurableAgents;

/// <summary>The name (and optional version) of an orchestrator or activity.</summary>
public readonly record struct TaskName
{
    /// <summary>Creates a task name.</summary>
    public TaskName(string name, string? version = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Version = version;
    }

    /// <summary>The registered name.</summary>
    public string Name { get; }

    /// <summary>An optional version string; not used for dispatch.</summary>
    public string? Version { get; }

    /// <summary>Converts a plain string to a task name.</summary>
#pragma warning disable CA2225 // A named alternative exists: the constructor.
    public static implicit operator TaskName(string name) => new(name);
#pragma warning restore CA2225

    /// <inheritdoc/>
    public override string ToString() => Version is null ? Name : $"{Name}:{Version}";
}
