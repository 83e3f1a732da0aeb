using DurableAgents.Workflows.SideEffects;
using Microsoft.Extensions.AI;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// One recorded path through a shipped workflow: which orchestrator runs with which input under a fixed instance id,
/// what the test answers while it runs (<see cref="Drive"/>), and what it changes about the shipped setup (model doubles
/// for chosen agents, a ledger whose operations fail). Its history is committed as <c>Golden/{Name}.json</c>.
/// </summary>
internal sealed record GoldenScenario(string Name, string Orchestrator, object Input)
{
    /// <summary>The instance id the scenario runs under, so the recorded history names a stable instance.</summary>
    public string InstanceId => "golden-" + Name;

    /// <summary>What happens while the instance runs (answering an approval); null runs it to completion untouched.</summary>
    public Func<GoldenRecorder.Run, Task>? Drive { get; init; }

    /// <summary>Agents answered by a model double instead of the offline model.</summary>
    public IReadOnlyDictionary<string, Func<IChatClient>> Models { get; init; } = new Dictionary<string, Func<IChatClient>>();

    /// <summary>The side-effect ledger's operations that fail as an unreachable external system would.</summary>
    public IReadOnlyList<string> FailingLedgerOperations { get; init; } = [];

    /// <summary>
    /// True when an activity's retry policy gives up in this history. The official executor (DurableTask.Core's retry
    /// interceptor) then creates one more timer, due at once, before it surfaces the failure; ours does not. Such a
    /// history is replayed by the official runner only up to that point (see <see cref="OfficialRunnerReplayTests"/>).
    /// </summary>
    public bool RetriesExhausted { get; init; }

    /// <summary>Creates the ledger the host uses for this scenario.</summary>
    public ISideEffectLedger CreateLedger() => new Fakes.FaultyLedger([.. FailingLedgerOperations]);

    public override string ToString() => Name;
}
