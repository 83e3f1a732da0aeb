using System.Diagnostics.Tracing;
using System.Globalization;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// Profiling aid for the child processes: when DURABLEAGENTS_BENCH_ALLOCS names a folder, the runtime's allocation
/// sampling events (one about every 100 KB allocated, with the type that crossed the mark) are summed per type and the
/// largest are written to a file in that folder when the process stops. Off by default (the listener costs CPU).
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string VariableName = "DURABLEAGENTS_BENCH_ALLOCS";
    private const long GcKeyword = 0x1;

    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);
    private bool _counting;

    /// <summary>Starts sampling when the environment asks for it; null otherwise.</summary>
    public static AllocationSampler? StartIfRequested()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(VariableName)))
        {
            return null;
        }

        var sampler = new AllocationSampler();
        sampler._counting = true;
        return sampler;
    }

    /// <summary>Forgets what was sampled so far (e.g. the warm-up).</summary>
    public void Reset()
    {
        lock (_bytesByType)
        {
            _bytesByType.Clear();
        }
    }

    /// <summary>Writes the top types to the requested folder as <c>{name}-{pid}.txt</c>.</summary>
    public void Write(string name)
    {
        string folder = Environment.GetEnvironmentVariable(VariableName)!;
        Directory.CreateDirectory(folder);
        KeyValuePair<string, long>[] top;
        lock (_bytesByType)
        {
            top = [.. _bytesByType.OrderByDescending(p => p.Value).Take(40)];
        }

        long total = top.Sum(p => p.Value);
        File.WriteAllLines(
            Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"{name}-{Environment.ProcessId}.txt")),
            top.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Value / 1024,10:N0} KiB {100.0 * p.Value / Math.Max(1, total),5:F1}%  {p.Key}")));
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_counting || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        int typeIndex = eventData.PayloadNames!.IndexOf("TypeName");
        int amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        string type = eventData.Payload[typeIndex] as string ?? "?";
        long amount = Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture);
        lock (_bytesByType)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
        }
    }
}
