using System.Reflection;

namespace DurableAgents.Benchmarks;

/// <summary>Finds every <see cref="IBenchmarkWorkload"/> in this assembly.</summary>
internal static class WorkloadCatalog
{
    public static IReadOnlyList<IBenchmarkWorkload> Discover() =>
    [
        .. typeof(WorkloadCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkWorkload).IsAssignableFrom(t)
                && t.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
            .Select(t => (IBenchmarkWorkload)Activator.CreateInstance(t)!)
            .OrderBy(w => w.Name, StringComparer.Ordinal),
    ];
}
