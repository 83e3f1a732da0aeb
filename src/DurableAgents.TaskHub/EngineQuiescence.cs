namespace DurableAgents.TaskHub;

/// <summary>What <see cref="TaskHubEngine.WhenQuiescentAsync"/> reports once the engine has nothing to do.</summary>
/// <param name="Progress">The engine's progress count at that moment; wait for a count beyond it to see the next quiet point.</param>
/// <param name="NextDueAt">When the clock must next reach for work to appear (UTC), or null when only a caller can make work.</param>
internal readonly record struct EngineQuiescence(long Progress, DateTime? NextDueAt);
