using DurableAgents.Actions;
using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Protocol;
using Google.Protobuf;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// The official executor as a function: <see cref="GrpcOrchestrationRunner.LoadAndRun(string, ITaskOrchestrator, IServiceProvider?)"/>
/// takes a base64 OrchestratorRequest (our records converted with <see cref="ProtoConverter"/>) and returns a base64
/// OrchestratorResponse, whose actions are converted back to our records.
/// </summary>
internal static class OfficialRunner
{
    // The shim factory the runner resolves from these services carries the converter the host's worker uses
    // (camelCase JSON); without it the runner would read payloads with the SDK's default, PascalCase and case-sensitive.
    private static readonly ServiceProvider Services = new ServiceCollection()
        .AddSingleton(new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = WebJsonDataConverter.Default }))
        .BuildServiceProvider();

    public static List<OrchestratorAction> Run(ITaskOrchestrator orchestrator, IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents)
    {
        ExecutionStartedEvent started = pastEvents.Concat(newEvents).OfType<ExecutionStartedEvent>().First();
        var request = new P.OrchestratorRequest { InstanceId = started.InstanceId, ExecutionId = started.ExecutionId };
        request.PastEvents.AddRange(ProtoConverter.ToProtoEvents(pastEvents));
        request.NewEvents.AddRange(ProtoConverter.ToProtoEvents(newEvents));

        string encodedResponse = GrpcOrchestrationRunner.LoadAndRun(request.ToByteString().ToBase64(), orchestrator, Services);

        P.OrchestratorResponse response = P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(encodedResponse));
        return ProtoConverter.ToActions(response.Actions);
    }
}
