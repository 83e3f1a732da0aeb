using System.Globalization;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// What the sidecar's DynamoDB store spent between two <see cref="SidecarStats"/> readings: requests, and read and write
/// capacity units as DynamoDB reported them (the store's <c>DynamoDbUsage</c>). The engine workloads that take
/// <c>--dynamodb URL</c> print it per orchestration, so runs price an orchestration the same way.
/// </summary>
internal sealed record DynamoDbUsageFigures(long Requests, double ReadUnits, double WriteUnits)
{
    /// <summary>The usage between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static DynamoDbUsageFigures Between(SidecarStats before, SidecarStats after) => new(
        after.DynamoDbRequests - before.DynamoDbRequests,
        (after.DynamoDbReadMilliUnits - before.DynamoDbReadMilliUnits) / 1000.0,
        (after.DynamoDbWriteMilliUnits - before.DynamoDbWriteMilliUnits) / 1000.0);

    /// <summary>One line: the usage divided by <paramref name="count"/> (e.g. orchestrations), labelled with <paramref name="label"/>.</summary>
    public string Per(int count, string what, string label) => string.Create(CultureInfo.InvariantCulture,
        $"{label}: {Requests / (double)count:F1} DynamoDB requests, {ReadUnits / count:F1} read units and {WriteUnits / count:F1} write units per {what}");
}
