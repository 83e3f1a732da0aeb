namespace DurableAgents.Workflows.Supervisor;

/// <summary>A planner's answer after <see cref="SupervisorPlanParser"/> checked it.</summary>
/// <param name="Goal">What the plan achieves.</param>
/// <param name="Subtasks">The steps, each depending on earlier ones only.</param>
public sealed record SupervisorPlan(string Goal, IReadOnlyList<PlannedSubtask> Subtasks)
{
    /// <summary>
    /// The subtasks grouped in waves: a subtask's wave is one more than the latest wave among its dependencies, so
    /// the subtasks of one wave are independent of each other and can run in parallel.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<PlannedSubtask>> Waves()
    {
        var waveOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var waves = new List<List<PlannedSubtask>>();
        foreach (PlannedSubtask subtask in Subtasks)
        {
            int wave = subtask.DependsOn.Count == 0 ? 0 : subtask.DependsOn.Max(d => waveOf[d]) + 1;
            waveOf[subtask.Id] = wave;
            while (waves.Count <= wave)
            {
                waves.Add([]);
            }

            waves[wave].Add(subtask);
        }

        return waves;
    }
}
