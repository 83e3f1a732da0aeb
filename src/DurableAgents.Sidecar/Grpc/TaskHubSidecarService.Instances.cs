using DurableAgents.Protocol;
using Grpc.Core;
using DurableAgents.TaskHub;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>The client RPCs: start, read, wait, signal and control instances.</summary>
public sealed partial class TaskHubSidecarService
{
    public override async Task<P.CreateInstanceResponse> StartInstance(P.CreateInstanceRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            var start = new StartInstanceRequest(RequireText(request.Name, "CreateInstanceRequest.name", "the orchestrator name"))
            {
                InstanceId = EmptyToNull(request.InstanceId),
                Input = JsonPayload.Require(request.Input, "CreateInstanceRequest.input"),
                Version = EmptyToNull(request.Version),
                ScheduledStartTime = ToOptionalTime(request.ScheduledStartTimestamp), // durabletask-js sends the epoch for "now"
                Tags = request.Tags.Count == 0 ? null : new Dictionary<string, string>(request.Tags, StringComparer.Ordinal),
                ReplaceableStatuses = request.OrchestrationIdReusePolicy is { } policy
                    ? policy.ReplaceableStatus.Select(ProtoConverter.ToStatus).ToHashSet()
                    : null,
                ParentTraceContext = ProtoConverter.ToTraceContext(request.ParentTraceContext),
            };
            string instanceId = await _engine.CreateInstanceAsync(start, context.CancellationToken).ConfigureAwait(false);
            return new P.CreateInstanceResponse { InstanceId = instanceId };
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.GetInstanceResponse> GetInstance(P.GetInstanceRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string instanceId = RequireText(request.InstanceId, "GetInstanceRequest.instanceId", "the instance id");
            InstanceSnapshot? metadata = await _engine.GetInstanceAsync(instanceId, request.GetInputsAndOutputs, context.CancellationToken).ConfigureAwait(false);
            return ToResponse(metadata);
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override Task<P.GetInstanceResponse> WaitForInstanceStart(P.GetInstanceRequest request, ServerCallContext context) =>
        WaitAsync(request, context, (id, payloads, token) => _engine.WaitForInstanceStartAsync(id, payloads, token));

    public override Task<P.GetInstanceResponse> WaitForInstanceCompletion(P.GetInstanceRequest request, ServerCallContext context) =>
        WaitAsync(request, context, (id, payloads, token) => _engine.WaitForInstanceCompletionAsync(id, payloads, token));

    /// <summary>Held open until the condition holds, the caller cancels, its deadline passes or the sidecar stops.</summary>
    private async Task<P.GetInstanceResponse> WaitAsync(
        P.GetInstanceRequest request, ServerCallContext context, Func<string, bool, CancellationToken, Task<InstanceSnapshot>> wait)
    {
        Authorize(context);
        string instanceId = RequireText(request.InstanceId, "GetInstanceRequest.instanceId", "the instance id");
        using CancellationTokenSource held = HeldCallToken(context);
        try
        {
            return ToResponse(await wait(instanceId, request.GetInputsAndOutputs, held.Token).ConfigureAwait(false));
        }
        catch (InstanceNotFoundException)
        {
            // Official SDKs read exists=false as "not found"; NOT_FOUND is not used by the wait RPCs.
            return new P.GetInstanceResponse { Exists = false };
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.RaiseEventResponse> RaiseEvent(P.RaiseEventRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string instanceId = RequireText(request.InstanceId, "RaiseEventRequest.instanceId", "the instance id");
            string name = RequireText(request.Name, "RaiseEventRequest.name", "the event name");
            string? input = JsonPayload.Require(request.Input, "RaiseEventRequest.input");
            await IgnoringFinishedAsync(_engine.RaiseEventAsync(instanceId, name, input, context.CancellationToken)).ConfigureAwait(false);
            return new P.RaiseEventResponse();
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.TerminateResponse> TerminateInstance(P.TerminateRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string instanceId = RequireText(request.InstanceId, "TerminateRequest.instanceId", "the instance id");
            string? output = JsonPayload.Require(request.Output, "TerminateRequest.output");
            await _engine.TerminateAsync(instanceId, output, request.Recursive, context.CancellationToken).ConfigureAwait(false);
            return new P.TerminateResponse();
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.SuspendResponse> SuspendInstance(P.SuspendRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string instanceId = RequireText(request.InstanceId, "SuspendRequest.instanceId", "the instance id");
            await IgnoringFinishedAsync(_engine.SuspendAsync(instanceId, EmptyToNull(request.Reason), context.CancellationToken)).ConfigureAwait(false);
            return new P.SuspendResponse();
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.ResumeResponse> ResumeInstance(P.ResumeRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string instanceId = RequireText(request.InstanceId, "ResumeRequest.instanceId", "the instance id");
            await IgnoringFinishedAsync(_engine.ResumeAsync(instanceId, EmptyToNull(request.Reason), context.CancellationToken)).ConfigureAwait(false);
            return new P.ResumeResponse();
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<P.RestartInstanceResponse> RestartInstance(P.RestartInstanceRequest request, ServerCallContext context)
    {
        Authorize(context);
        try
        {
            string instanceId = RequireText(request.InstanceId, "RestartInstanceRequest.instanceId", "the instance id");
            string restarted = await _engine.RestartAsync(instanceId, request.RestartWithNewInstanceId, context.CancellationToken).ConfigureAwait(false);
            return new P.RestartInstanceResponse { InstanceId = restarted };
        }
        catch (Exception error) when (MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    /// <summary>
    /// Runs a raise-event, suspend or resume and treats "the instance has finished" as success: the engine refuses
    /// before writing anything, so the event or request is discarded. The Durable Task SDKs and their other backends
    /// expect that on this protocol; the HTTP API keeps answering 410 Gone for the same case (src/DurableAgents.Sidecar/README.md).
    /// </summary>
    private static async Task IgnoringFinishedAsync(Task control)
    {
        try
        {
            await control.ConfigureAwait(false);
        }
        catch (InvalidInstanceStateException finished) when (finished.Status.IsTerminal())
        {
            // Finished: nothing was written, which is the no-op the protocol's callers expect.
        }
    }

    private static P.GetInstanceResponse ToResponse(InstanceSnapshot? metadata) => metadata is null
        ? new P.GetInstanceResponse { Exists = false }
        : new P.GetInstanceResponse { Exists = true, OrchestrationState = ProtoConverter.ToProto(metadata) };
}
