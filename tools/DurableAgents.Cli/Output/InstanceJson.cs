using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Output;

/// <summary>The --json form of an instance: camelCase members, payloads as JSON values, times in ISO 8601 UTC.</summary>
internal static class InstanceJson
{
    public static JsonObject From(OrchestrationMetadata instance, bool includeInput)
    {
        JsonObject json = Summary(instance);
        if (includeInput)
        {
            json["input"] = PayloadText.ToNode(instance.SerializedInput);
        }

        json["output"] = PayloadText.ToNode(instance.SerializedOutput);
        json["customStatus"] = PayloadText.ToNode(instance.SerializedCustomStatus);
        if (instance.FailureDetails is { } failure)
        {
            json["failureDetails"] = new JsonObject
            {
                ["errorType"] = failure.ErrorType,
                ["errorMessage"] = failure.ErrorMessage,
            };
        }

        return json;
    }

    /// <summary>Identity, status and times only, as <c>list</c> shows them (payloads are not fetched for lists).</summary>
    public static JsonObject Summary(OrchestrationMetadata instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var json = new JsonObject
        {
            ["instanceId"] = instance.InstanceId,
            ["name"] = instance.Name,
            ["runtimeStatus"] = instance.RuntimeStatus.ToString(),
            ["createdAt"] = PayloadText.Iso(instance.CreatedAt),
            ["lastUpdatedAt"] = PayloadText.Iso(instance.LastUpdatedAt),
        };
        if (instance.IsCompleted && instance.LastUpdatedAt is var completed)
        {
            json["completedAt"] = PayloadText.Iso(completed);
        }

        return json;
    }
}
