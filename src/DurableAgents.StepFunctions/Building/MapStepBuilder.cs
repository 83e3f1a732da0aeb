using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions;

/// <summary>The builder of a Map state.</summary>
public sealed class MapStepBuilder : StepBuilder<MapStepBuilder>
{
    internal MapStepBuilder(MapState state)
        : base(state)
    {
    }

    /// <summary>ASL's <c>ItemsPath</c>.</summary>
    public MapStepBuilder ItemsPath(string path) => Set((MapState)Current with { ItemsPath = path });

    /// <summary>ASL's <c>MaxConcurrency</c>; 0 means no limit.</summary>
    public MapStepBuilder MaxConcurrency(int limit) => Set((MapState)Current with { MaxConcurrency = limit });

    /// <summary>ASL's <c>ItemSelector</c> template.</summary>
    public MapStepBuilder ItemSelector(JsonNode template) => Set((MapState)Current with { ItemSelector = template.DeepClone() });

    /// <summary>ASL's <c>ItemProcessor</c>: the states run for each item.</summary>
    public MapStepBuilder ItemProcessor(Action<BranchBuilder> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var processor = new BranchBuilder();
        build(processor);
        return Set((MapState)Current with { ItemProcessor = processor.BuildMachine() });
    }
}
