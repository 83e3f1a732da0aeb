using DurableAgents.Client;
using DurableAgents.Protocol;
using DurableAgents.Protocol.Grpc;
using DurableAgents.TaskHub;
using P = DurableAgents.Protocol.Proto;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>The client RPCs: start, read, wait, signal and control instances.</summary>
public sealed partial class TaskHubSidecarService
{
    private async Task<P.CreateInstanceResponse> StartInstanceAsync(P.CreateInstanceRequest request, GrpcCallContext call)
    {
        var start = new StartInstanceRequest(RequireText(request.Name, "CreateInstanceRequest.name", "the orchestrator name"))
        {
            InstanceId = EmptyToNull(request.InstanceId),
            Input = JsonPayload.Require(request.Input, "CreateInstanceRequest.input"),
            Version = EmptyToNull(request.Version),
            ScheduledStartTime = ToOptionalTime(request.ScheduledStartTimestamp), // durabletask-js sends the epoch for "now"
            Tags = request.Tags.Count == 0 ? null : new Dictionary<string, string>(request.Tags, StringComparer.Ordinal),
        };
        string instanceId = await _engine.CreateInstanceAsync(start, call.CancellationToken).ConfigureAwait(false);
        return new P.CreateInstanceResponse { InstanceId = instanceId };
    }

    private async Task<P.GetInstanceResponse> GetInstanceAsync(P.GetInstanceRequest request, GrpcCallContext call)
    {
        string instanceId = RequireText(request.InstanceId, "GetInstanceRequest.instanceId", "the instance id");
        OrchestrationMetadata? metadata = await _engine.GetInstanceAsync(instanceId, request.GetInputsAndOutputs, call.CancellationToken).ConfigureAwait(false);
        return ToResponse(metadata);
    }

    private Task<P.GetInstanceResponse> WaitForInstanceStartAsync(P.GetInstanceRequest request, GrpcCallContext call) =>
        WaitAsync(request, call, (id, payloads, token) => _engine.WaitForInstanceStartAsync(id, payloads, token));

    private Task<P.GetInstanceResponse> WaitForInstanceCompletionAsync(P.GetInstanceRequest request, GrpcCallContext call) =>
        WaitAsync(request, call, (id, payloads, token) => _engine.WaitForInstanceCompletionAsync(id, payloads, token));

    /// <summary>Held open until the condition holds, the caller cancels, its deadline passes or the sidecar stops.</summary>
    private async Task<P.GetInstanceResponse> WaitAsync(
        P.GetInstanceRequest request, GrpcCallContext call, Func<string, bool, CancellationToken, Task<OrchestrationMetadata>> wait)
    {
        string instanceId = RequireText(request.InstanceId, "GetInstanceRequest.instanceId", "the instance id");
        using CancellationTokenSource held = HeldCallToken(call);
        try
        {
            return ToResponse(await wait(instanceId, request.GetInputsAndOutputs, held.Token).ConfigureAwait(false));
        }
        catch (InstanceNotFoundException)
        {
            // Official SDKs read exists=false as "not found"; NOT_FOUND is not used by the wait RPCs.
            return new P.GetInstanceResponse { Exists = false };
        }
    }

    private async Task<P.RaiseEventResponse> RaiseEventAsync(P.RaiseEventRequest request, GrpcCallContext call)
    {
        string instanceId = RequireText(request.InstanceId, "RaiseEventRequest.instanceId", "the instance id");
        string name = RequireText(request.Name, "RaiseEventRequest.name", "the event name");
        string? input = JsonPayload.Require(request.Input, "RaiseEventRequest.input");
        await _engine.RaiseEventAsync(instanceId, name, input, call.CancellationToken).ConfigureAwait(false);
        return new P.RaiseEventResponse();
    }

    private async Task<P.TerminateResponse> TerminateInstanceAsync(P.TerminateRequest request, GrpcCallContext call)
    {
        string instanceId = RequireText(request.InstanceId, "TerminateRequest.instanceId", "the instance id");
        string? output = JsonPayload.Require(request.Output, "TerminateRequest.output");
        await _engine.TerminateAsync(instanceId, output, request.Recursive, call.CancellationToken).ConfigureAwait(false);
        return new P.TerminateResponse();
    }

    private async Task<P.SuspendResponse> SuspendInstanceAsync(P.SuspendRequest request, GrpcCallContext call)
    {
        string instanceId = RequireText(request.InstanceId, "SuspendRequest.instanceId", "the instance id");
        await _engine.SuspendAsync(instanceId, EmptyToNull(request.Reason), call.CancellationToken).ConfigureAwait(false);
        return new P.SuspendResponse();
    }

    private async Task<P.ResumeResponse> ResumeInstanceAsync(P.ResumeRequest request, GrpcCallContext call)
    {
        string instanceId = RequireText(request.InstanceId, "ResumeRequest.instanceId", "the instance id");
        await _engine.ResumeAsync(instanceId, EmptyToNull(request.Reason), call.CancellationToken).ConfigureAwait(false);
        return new P.ResumeResponse();
    }

    private async Task<P.RestartInstanceResponse> RestartInstanceAsync(P.RestartInstanceRequest request, GrpcCallContext call)
    {
        string instanceId = RequireText(request.InstanceId, "RestartInstanceRequest.instanceId", "the instance id");
        string restarted = await _engine.RestartAsync(instanceId, request.RestartWithNewInstanceId, call.CancellationToken).ConfigureAwait(false);
        return new P.RestartInstanceResponse { InstanceId = restarted };
    }

    private static P.GetInstanceResponse ToResponse(OrchestrationMetadata? metadata) => metadata is null
        ? new P.GetInstanceResponse { Exists = false }
        : new P.GetInstanceResponse { Exists = true, OrchestrationState = ProtoConverter.ToProto(metadata) };
}
