using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents;

/// <summary>
/// The orchestrators and activities a worker (or the test host) can run, by name. Class-based tasks are created
/// per execution through the service provider, so they can take constructor dependencies.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, Func<IServiceProvider, ITaskOrchestrator>> _orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Func<IServiceProvider, ITaskActivity>> _activities = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Registered orchestrator names.</summary>
    public IReadOnlyCollection<string> OrchestratorNames => _orchestrators.Keys;

    /// <summary>Registered activity names.</summary>
    public IReadOnlyCollection<string> ActivityNames => _activities.Keys;

    /// <summary>Registers an orchestrator factory.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add(_orchestrators, name, factory, "orchestrator");
        return this;
    }

    /// <summary>Registers an orchestrator class under its type name or <see cref="DurableTaskAttribute"/>.</summary>
    public DurableTaskRegistry AddOrchestrator<TOrchestrator>() where TOrchestrator : class, ITaskOrchestrator =>
        AddOrchestrator(DurableTaskAttribute.GetTaskName(typeof(TOrchestrator)), sp => ActivatorUtilities.CreateInstance<TOrchestrator>(sp));

    /// <summary>Registers an orchestrator class under its type name or <see cref="DurableTaskAttribute"/>.</summary>
    public DurableTaskRegistry AddOrchestrator(Type orchestratorType)
    {
        ArgumentNullException.ThrowIfNull(orchestratorType);
        return AddOrchestrator(DurableTaskAttribute.GetTaskName(orchestratorType), sp => (ITaskOrchestrator)ActivatorUtilities.CreateInstance(sp, orchestratorType));
    }

    /// <summary>Registers a single orchestrator instance (it must hold no per-execution state).</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, ITaskOrchestrator orchestrator) => AddOrchestrator(name, _ => orchestrator);

    /// <summary>Registers an orchestrator delegate.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> orchestrator) =>
        AddOrchestrator(name, new FuncTaskOrchestrator<TInput, TOutput>(orchestrator));

    /// <summary>Registers an orchestrator delegate without input.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TOutput>(TaskName name, Func<TaskOrchestrationContext, Task<TOutput>> orchestrator) =>
        AddOrchestrator(name, new FuncTaskOrchestrator<object?, TOutput>((context, _) => orchestrator(context)));

    /// <summary>Registers an orchestrator delegate without input or output.</summary>
    public DurableTaskRegistry AddOrchestratorFunc(TaskName name, Func<TaskOrchestrationContext, Task> orchestrator) =>
        AddOrchestrator(name, new FuncTaskOrchestrator<object?, object?>(async (context, _) =>
        {
            await orchestrator(context);
            return null;
        }));

    /// <summary>Registers an activity factory.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Add(_activities, name, factory, "activity");
        return this;
    }

    /// <summary>Registers an activity class under its type name or <see cref="DurableTaskAttribute"/>.</summary>
    public DurableTaskRegistry AddActivity<TActivity>() where TActivity : class, ITaskActivity =>
        AddActivity(DurableTaskAttribute.GetTaskName(typeof(TActivity)), sp => ActivatorUtilities.CreateInstance<TActivity>(sp));

    /// <summary>Registers an activity class under its type name or <see cref="DurableTaskAttribute"/>.</summary>
    public DurableTaskRegistry AddActivity(Type activityType)
    {
        ArgumentNullException.ThrowIfNull(activityType);
        return AddActivity(DurableTaskAttribute.GetTaskName(activityType), sp => (ITaskActivity)ActivatorUtilities.CreateInstance(sp, activityType));
    }

    /// <summary>Registers a single activity instance (it must be thread-safe).</summary>
    public DurableTaskRegistry AddActivity(TaskName name, ITaskActivity activity) => AddActivity(name, _ => activity);

    /// <summary>Registers an asynchronous activity delegate.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> activity) =>
        AddActivity(name, new FuncTaskActivity<TInput, TOutput>(activity));

    /// <summary>Registers a synchronous activity delegate.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, TOutput> activity) =>
        AddActivity(name, new FuncTaskActivity<TInput, TOutput>((context, input) => Task.FromResult(activity(context, input))));

    /// <summary>Registers an asynchronous activity delegate without output.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput>(TaskName name, Func<TaskActivityContext, TInput, Task> activity) =>
        AddActivity(name, new FuncTaskActivity<TInput, object?>(async (context, input) =>
        {
            await activity(context, input).ConfigureAwait(false);
            return null;
        }));

    /// <summary>Finds an orchestrator factory by name.</summary>
    public bool TryGetOrchestrator(string name, out Func<IServiceProvider, ITaskOrchestrator> factory) =>
        _orchestrators.TryGetValue(name, out factory!);

    /// <summary>Finds an activity factory by name.</summary>
    public bool TryGetActivity(string name, out Func<IServiceProvider, ITaskActivity> factory) =>
        _activities.TryGetValue(name, out factory!);

    private static void Add<T>(Dictionary<string, T> map, TaskName name, T factory, string kind)
    {
        if (!map.TryAdd(name.Name, factory))
        {
            throw new ArgumentException($"An {kind} named '{name.Name}' is already registered; task names must be unique (case-insensitive).", nameof(name));
        }
    }
}
