using System.Diagnostics;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>Starts many instances at once and measures each one's start-to-completion latency from the client.</summary>
internal static class OrchestrationBatch
{
    /// <summary>
    /// Starts <paramref name="count"/> instances of <paramref name="orchestrator"/> concurrently (ids
    /// <c>{prefix}-00000</c>...), waits for each to complete, checks its output with <paramref name="check"/>, and
    /// returns the latencies in milliseconds.
    /// </summary>
    public static async Task<double[]> RunAsync(
        DurableTaskClient client, string orchestrator, object? input, string prefix, int count, Action<OrchestrationMetadata> check)
    {
        Task<double>[] runs = new Task<double>[count];
        for (int i = 0; i < count; i++)
        {
            runs[i] = RunOneAsync(client, orchestrator, input, $"{prefix}-{i:D5}", check);
        }

        return await Task.WhenAll(runs);
    }

    /// <summary>Throws when <paramref name="instance"/> did not complete with <paramref name="expected"/> as its output.</summary>
    public static void ExpectOutput<T>(OrchestrationMetadata instance, T expected)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed || !EqualityComparer<T>.Default.Equals(instance.ReadOutputAs<T>(), expected))
        {
            throw new InvalidOperationException(
                $"Instance {instance.InstanceId} ended {instance.RuntimeStatus} with output {instance.SerializedOutput ?? "(none)"} "
                + $"({instance.FailureDetails?.ErrorMessage ?? "no failure"}); expected Completed with {expected}.");
        }
    }

    private static async Task<double> RunOneAsync(DurableTaskClient client, string orchestrator, object? input, string instanceId, Action<OrchestrationMetadata> check)
    {
        long start = Stopwatch.GetTimestamp();
        await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true);
        double milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        check(done);
        return milliseconds;
    }
}
