using System.Globalization;

namespace DurableAgents.Integration.Tests.ScaleOut;

/// <summary>
/// The scale-out test's orchestrations: mostly hello5, one in ten with a durable timer, one in ten waiting for an event;
/// starts alternate between the two sidecars, so every kind is started through both.
/// </summary>
internal static class ScaleOutWorkload
{
    /// <summary>Every activity the instances schedule together.</summary>
    public static int ActivityCount(IEnumerable<ScaleOutInstance> instances) => instances.Sum(i => i.ActivityCount);

    public static IReadOnlyList<ScaleOutInstance> Create(string prefix, int count) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            // Pairs (2k, 2k + 1) share a kind and go through different sidecars.
            string orchestrator = (i / 2 % 10) switch
            {
                3 => ScaleOutTasks.TimerThenHello,
                7 => ScaleOutTasks.EventThenHello,
                _ => ScaleOutTasks.Hello5,
            };
            return new ScaleOutInstance(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D3}"), orchestrator, i % 2);
        }),
    ];
}
