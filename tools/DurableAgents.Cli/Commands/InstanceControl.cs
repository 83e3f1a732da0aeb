using System.Text.Json.Nodes;

namespace DurableAgents.Cli.Commands;

/// <summary>The shared body of terminate, suspend and resume: send the request, then say what was sent.</summary>
internal static class InstanceControl
{
    public static async Task<int> RunAsync(
        CommandInvocation run, string operation, string instanceId, string? reason, Func<string, string?, CancellationToken, Task> send, CancellationToken cancellation)
    {
        await send(instanceId, reason, cancellation);
        if (run.Output.Json)
        {
            run.Output.WriteJson(new JsonObject { ["instanceId"] = instanceId, ["operation"] = operation, ["reason"] = reason, ["accepted"] = true });
        }
        else
        {
            // The request is queued for the instance; the status changes when the sidecar processes it.
            run.Output.WriteLine($"Asked instance {instanceId} to {operation}; see the result with `durableagents status {instanceId}`.");
        }

        return ExitCodes.Success;
    }
}
