using DurableAgents.Logging;
using Serilog.Core;
using Serilog.Events;

namespace DurableAgents.Sidecar;

/// <summary>
/// Gives the official Durable Task SDK's log events (e.g. the official gRPC worker's "{instanceId}: Received request to
/// run orchestrator ...") the <c>InstanceId</c> property that DurableAgents' own events carry, so one filter or one
/// output template finds an instance's lines whichever executor wrote them. Their <c>instanceId</c> stays as it is.
/// </summary>
internal sealed class DurableTaskInstanceIdEnricher : ILogEventEnricher
{
    private const string SdkPropertyName = "instanceId";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        // Runs only for events that passed the level checks; two dictionary look-ups and no allocation otherwise.
        if (logEvent.Properties.TryGetValue(SdkPropertyName, out LogEventPropertyValue? value))
        {
            logEvent.AddPropertyIfAbsent(new LogEventProperty(InstanceLogScope.PropertyName, value));
        }
    }
}
