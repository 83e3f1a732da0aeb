using System.Globalization;
using Microsoft.DurableTask;

namespace DurableAgents.Activities;

/// <summary>Reads what the DurableAgents executor adds to an activity's context.</summary>
public static class ActivityContextExtensions
{
    /// <summary>
    /// A token cancelled when the worker shuts down or the work item's lease is lost. Executors that offer none
    /// (the official gRPC worker passes no token to activities) give <see cref="CancellationToken.None"/>.
    /// </summary>
    public static CancellationToken GetCancellationToken(this TaskActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context is IActivityInvocation invocation ? invocation.CancellationToken : CancellationToken.None;
    }

    /// <summary>
    /// A key that is the same for every delivery of this call (activities run at least once), <c>instanceId:taskId</c>:
    /// pass it to external systems to make side effects idempotent.
    /// </summary>
    /// <exception cref="NotSupportedException">
    /// The executor does not tell activities their task id (the official gRPC worker does not); pass a key in the
    /// activity's input instead, e.g. built from the instance id and a step name in the orchestrator.
    /// </exception>
    public static string GetIdempotencyKey(this TaskActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context is IActivityInvocation invocation)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{context.InstanceId}:{invocation.TaskId}");
        }

        throw new NotSupportedException(
            $"The activity '{context.Name.Name}' asked for an idempotency key, but its executor ({context.GetType().FullName}) does not tell " +
            "activities their task id. Run it on the DurableAgents executor, or pass a key in the activity's input.");
    }
}
