using DurableAgents.Protocol;
using DurableAgents.Worker.Hosting;
using DurableAgents.Worker.Tracing;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Worker.Execution;

/// <summary>Runs one activity work item in its own service scope and turns the outcome into the response for the sidecar.</summary>
internal sealed class ActivityWorkItemProcessor(
    RegisteredTasks tasks,
    IServiceProvider services,
    DataConverter dataConverter,
    ILogger logger,
    Func<Exception, IDictionary<string, object?>?>? exceptionProperties,
    WorkerMetrics? metrics = null)
{
    public async Task<Proto.ActivityResponse> ProcessAsync(Proto.ActivityRequest request, string completionToken, CancellationToken cancellationToken)
    {
        var instanceId = request.OrchestrationInstance?.InstanceId ?? string.Empty;
        var response = new Proto.ActivityResponse
        {
            InstanceId = instanceId,
            TaskId = request.TaskId,
            CompletionToken = completionToken,
        };

        if (!tasks.ActivityNames.Contains(request.Name, StringComparer.OrdinalIgnoreCase))
        {
            Logs.ActivityNotRegistered(logger, request.Name, instanceId, request.TaskId);
            response.FailureDetails = ProtoConverter.ToProto(
                FailureDetails.FromException(new TaskNotRegisteredException("activity", request.Name, tasks.ActivityNames)));
            return response;
        }

        // Stopped before the result is sent, so the span's duration is the activity's run.
        using var span = ActivitySpan.Start(request);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var scope = services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                if (!tasks.TryCreateActivity(request.Name, scope.ServiceProvider, out ITaskActivity? activity) || activity is null)
                {
                    throw new TaskNotRegisteredException("activity", request.Name, tasks.ActivityNames);
                }

                var input = dataConverter.Deserialize(request.Input, activity.InputType);
                var context = new WorkerActivityContext(new TaskName(request.Name), instanceId, request.TaskId, cancellationToken);
                var output = await activity.RunAsync(context, input).ConfigureAwait(false);
                response.Result = dataConverter.Serialize(output);
                Logs.ActivityCompleted(logger, request.Name, instanceId, request.TaskId);
            }
        }
        catch (Exception ex)
        {
            Logs.ActivityFailed(logger, ex, request.Name, instanceId, request.TaskId);
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Message);
            response.FailureDetails = ProtoConverter.ToProto(FailureDetails.FromException(ex, properties: exceptionProperties));
        }

        metrics?.ActivityRan(request.Name, started, failed: response.FailureDetails is not null);
        return response;
    }
}
