using System.Text.Json.Nodes;
using DurableAgents.Converters;
using DurableAgents.Workflows.DependencyInjection;
using Microsoft.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>
/// The tasks both sides of an equivalence run call: the very activities <c>AddShippedWorkflows</c> registers (the refund
/// steps and InvokeAgent with the sample configuration's offline agents), created from their registrations and run with
/// the host worker's data converter, so the JSON in and out is what a worker would read and write. Every call is
/// recorded in order. One instance per side of one run, so simulated state (the payment gateway) starts fresh.
/// </summary>
internal sealed class SharedTasks : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly IReadOnlyDictionary<string, Func<IServiceProvider, ITaskActivity>> _activities;
    private readonly List<Invocation> _invocations = [];
    private readonly Lock _gate = new();

    private SharedTasks(ServiceProvider services, IReadOnlyDictionary<string, Func<IServiceProvider, ITaskActivity>> activities)
    {
        _services = services;
        _activities = activities;
    }

    /// <summary>The converter the all-in-one host's worker uses.</summary>
    public static WebJsonDataConverter Converter => WebJsonDataConverter.Default;

    /// <summary>The names of the activities that can be run.</summary>
    public IEnumerable<string> ActivityNames => _activities.Keys;

    /// <summary>The calls so far, in the order they were made.</summary>
    public IReadOnlyList<Invocation> Invocations
    {
        get
        {
            lock (_gate)
            {
                return [.. _invocations];
            }
        }
    }

    public static SharedTasks Create()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "agents.appsettings.json"))
            .Build();
        ServiceProvider services = new ServiceCollection().AddShippedWorkflowServices(configuration).BuildServiceProvider();
        var activities = new DurableTaskRegistry().AddShippedWorkflows().GetActivities()
            .ToDictionary(a => a.Key.Name, a => a.Value, StringComparer.Ordinal);
        return new SharedTasks(services, activities);
    }

    /// <summary>Records an invocation that is not an activity (an approval).</summary>
    public void Record(Invocation invocation)
    {
        lock (_gate)
        {
            _invocations.Add(invocation);
        }
    }

    /// <summary>
    /// Records and runs activity <paramref name="activityName"/> of run <paramref name="runId"/>; its exceptions are
    /// the activity's own.
    /// </summary>
    public async Task<JsonNode?> RunAsync(string activityName, JsonNode? input, string runId)
    {
        Record(new Invocation(activityName, input?.DeepClone()));
        if (!_activities.TryGetValue(activityName, out Func<IServiceProvider, ITaskActivity>? create))
        {
            throw new InvalidOperationException($"No shipped activity is named '{activityName}'.");
        }

        await using AsyncServiceScope scope = _services.CreateAsyncScope();
        ITaskActivity activity = create(scope.ServiceProvider);
        object? typedInput = input is null ? null : Converter.Deserialize(input.ToJsonString(), activity.InputType);
        object? output = await activity.RunAsync(new RunContext(activityName, runId), typedInput);
        string? text = Converter.Serialize(output);
        return text is null ? null : JsonNode.Parse(text);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
