using DurableAgents.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;

namespace DurableAgents.Testing.Internal;

/// <summary>Activities run in-process, one at a time, each in its own service scope.</summary>
internal sealed partial class TestHostEngine
{
    private async Task RunActivityAsync(ActivityWorkItem work)
    {
        lock (_lock)
        {
            if (!IsCurrentExecutionLocked(work.InstanceId, work.ExecutionId, out _))
            {
                return;
            }
        }

        HistoryEvent answer = await InvokeActivityAsync(work).ConfigureAwait(false);
        lock (_lock)
        {
            if (IsCurrentExecutionLocked(work.InstanceId, work.ExecutionId, out InstanceState? instance))
            {
                DeliverLocked(instance, answer);
            }
        }
    }

    private async Task<HistoryEvent> InvokeActivityAsync(ActivityWorkItem work)
    {
        if (!_registry.TryGetActivity(work.Name, out Func<IServiceProvider, ITaskActivity>? factory))
        {
            return new TaskFailedEvent(-1, CurrentTime, work.TaskId, new FailureDetails(
                "ActivityNotFound",
                $"No activity named '{work.Name}' is registered with the test host. Register it in DurableTaskTestHost.Start(tasks => tasks.AddActivity...)."));
        }

        _insideActivity.Value = true;
        try
        {
            AsyncServiceScope scope = _services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                ITaskActivity activity = factory(scope.ServiceProvider);
                object? input = _converter.Deserialize(work.Input, activity.InputType);
                var context = new TestActivityContext(new TaskName(work.Name), work.InstanceId, work.TaskId, _shutdown.Token);
                object? output = await activity.RunAsync(context, input).ConfigureAwait(false);
                return new TaskCompletedEvent(-1, CurrentTime, work.TaskId, _converter.Serialize(output));
            }
        }
        catch (Exception ex)
        {
            return new TaskFailedEvent(-1, CurrentTime, work.TaskId, FailureDetails.FromException(ex));
        }
        finally
        {
            _insideActivity.Value = false;
        }
    }

    private bool IsCurrentExecutionLocked(string instanceId, string executionId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out InstanceState? instance) =>
        _instances.TryGetValue(instanceId, out instance) && instance.ExecutionId == executionId && !instance.Status.IsTerminal();
}
