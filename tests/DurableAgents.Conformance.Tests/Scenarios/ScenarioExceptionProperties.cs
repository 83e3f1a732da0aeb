namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask.Worker;

/// <summary>
/// The exception-properties provider an executor's worker registers for the protocol-field scenarios. The official
/// 1.28.0 worker collects no properties by itself: it asks an <see cref="IExceptionPropertiesProvider"/> from its
/// services and sends what it returns in <c>TaskFailureDetails.properties</c>. Other exceptions get none, so the
/// other scenarios see the SDK's default behaviour.
/// </summary>
public sealed class ScenarioExceptionProperties : IExceptionPropertiesProvider
{
    /// <inheritdoc/>
    public IDictionary<string, object?>? GetExceptionProperties(Exception exception) => exception switch
    {
        OrderRejectedException e => new Dictionary<string, object?>
        {
            ["Reason"] = e.Reason,
            ["Code"] = e.Code,
            ["Retryable"] = false,
            ["Missing"] = null,
            ["Lines"] = new[] { 1, 2 },
            ["Customer"] = new Dictionary<string, object?> { ["Id"] = "c-7", ["Vip"] = true },
        },
        ArgumentOutOfRangeException e => new Dictionary<string, object?> { ["ParamName"] = e.ParamName },
        _ => null,
    };
}
