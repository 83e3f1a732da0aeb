namespace DurableAgents.Worker;

/// <summary>A work item named an orchestrator or activity that this worker has not registered.</summary>
public sealed class TaskNotRegisteredException : Exception
{
    /// <summary>Creates the exception for a <paramref name="kind"/> ("orchestrator" or "activity") named <paramref name="name"/>.</summary>
    public TaskNotRegisteredException(string kind, string name, IEnumerable<string> registeredNames)
        : base(BuildMessage(kind, name, registeredNames))
    {
        Kind = kind;
        TaskName = name;
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskNotRegisteredException(string message)
        : base(message)
    {
        Kind = string.Empty;
        TaskName = string.Empty;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TaskNotRegisteredException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = string.Empty;
        TaskName = string.Empty;
    }

    /// <summary>Creates the exception without details.</summary>
    public TaskNotRegisteredException()
        : this("The orchestrator or activity is not registered with this worker.")
    {
    }

    /// <summary>"orchestrator" or "activity".</summary>
    public string Kind { get; }

    /// <summary>The name that was not found.</summary>
    public string TaskName { get; }

    private static string BuildMessage(string kind, string name, IEnumerable<string> registeredNames)
    {
        var names = registeredNames.Order(StringComparer.OrdinalIgnoreCase).ToList();
        var registered = names.Count == 0 ? "none" : string.Join(", ", names.Select(n => $"'{n}'"));
        var method = kind == "activity" ? "AddActivity" : "AddOrchestrator";
        return $"No {kind} named '{name}' is registered with this worker (registered {kind}s: {registered}). " +
            $"Register it with AddDurableTaskWorker(b => b.AddTasks(r => r.{method}...)), or check the name used to schedule it.";
    }
}
