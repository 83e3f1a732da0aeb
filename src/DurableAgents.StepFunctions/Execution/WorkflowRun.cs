using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.DataFlow;
using Microsoft.DurableTask;

namespace DurableAgents.StepFunctions.Execution;

/// <summary>
/// One run of a definition inside an orchestration. Everything it does goes through the orchestration context (activity
/// calls, durable timers, NewGuid, CurrentUtcDateTime), so it replays deterministically. Completed task states with a
/// compensation are remembered in completion order and undone in reverse when the run fails.
/// </summary>
internal sealed class WorkflowRun
{
    private readonly TaskOrchestrationContext _context;
    private readonly WorkflowDefinition _definition;
    private readonly List<(string Activity, JsonNode? Input)> _compensations = [];

    public WorkflowRun(TaskOrchestrationContext context, WorkflowDefinition definition)
    {
        _context = context;
        _definition = definition;
    }

    public async Task<JsonNode?> RunAsync(JsonNode? input)
    {
        JsonObject execution = ContextObject.ForExecution(_context.InstanceId, _definition.Name, input, _context.CurrentUtcDateTime);
        try
        {
            return await WithRunTimeoutAsync(RunMachineAsync(_definition.Machine, input, execution));
        }
        catch (Exception exception) when (TryDescribe(exception, out string? error, out string? cause))
        {
            // Undo what finished, newest first; the run still fails with the original error.
            for (int i = _compensations.Count - 1; i >= 0; i--)
            {
                await _context.CallActivityAsync(_compensations[i].Activity, _compensations[i].Input);
            }

            throw new StatesErrorException(error, cause);
        }
    }

    /// <summary>ASL's top-level TimeoutSeconds: the run fails with States.Timeout when it lasts longer (a durable timer).</summary>
    private Task<JsonNode?> WithRunTimeoutAsync(Task<JsonNode?> run) =>
        WithTimeoutAsync(run, _definition.TimeoutSeconds, $"The workflow '{_definition.Name}'");

    private async Task<JsonNode?> RunMachineAsync(StateMachine machine, JsonNode? input, JsonObject execution)
    {
        string? name = machine.StartAt;
        JsonNode? data = input;
        while (name is not null)
        {
            State state = machine.Find(name)!;
            JsonObject context = ContextObject.ForState(execution, state.Name, _context.CurrentUtcDateTime);
            (data, name) = await RunStateAsync(state, data, context);
        }

        return data;
    }

    private async Task<(JsonNode? Output, string? Next)> RunStateAsync(State state, JsonNode? raw, JsonObject context)
    {
        var scope = new DataFlowScope(raw, context, _context.NewGuid);
        switch (state)
        {
            case SucceedState:
                return (Output(state, StateDataFlow.ApplyInputPath(raw, state.InputPath, scope), scope), null);
            case FailState fail:
                throw new StatesErrorException(fail.Error ?? "States.Fail", fail.Cause ?? $"The workflow reached the Fail state '{fail.Name}'.");
            case ChoiceState choice:
            {
                JsonNode? filtered = StateDataFlow.ApplyInputPath(raw, state.InputPath, scope);
                string next = ChoiceEvaluator.NextState(choice, scope.WithData(filtered));
                return (Output(state, filtered, scope), next);
            }

            case WaitState wait:
            {
                JsonNode? filtered = StateDataFlow.ApplyInputPath(raw, state.InputPath, scope);
                await _context.CreateTimer(WaitUntil(wait, scope.WithData(filtered)), CancellationToken.None);
                return (Output(state, filtered, scope), wait.Next);
            }

            case PassState pass:
            {
                JsonNode? effective = Effective(state, raw, scope);
                JsonNode? result = pass.Result?.DeepClone() ?? effective;
                return (Output(state, StateDataFlow.ApplyResultPath(raw, result, state.ResultPath), scope), state.Next);
            }

            case ApprovalState approval:
            {
                JsonNode? filtered = StateDataFlow.ApplyInputPath(raw, state.InputPath, scope);
                JsonNode? details = approval.DetailsPath is null ? null : scope.WithData(filtered).Select(JsonPath.Parse(approval.DetailsPath));
                (string outcome, JsonObject result) = await ApprovalAdapter.WaitAsync(_context, approval.ApprovalName, TimeSpan.FromSeconds(approval.TimeoutSeconds), details);
                string? next = outcome switch { "Approved" => approval.ApprovedNext, "Rejected" => approval.RejectedNext, _ => approval.TimedOutNext };
                return (Output(state, StateDataFlow.ApplyResultPath(raw, result, state.ResultPath), scope), next);
            }

            default:
                return await RunWithRetryAndCatchAsync(state, raw, scope);
        }
    }

    /// <summary>Task, Parallel and Map states: run, retry as the retriers say, then catch or fail.</summary>
    private async Task<(JsonNode? Output, string? Next)> RunWithRetryAndCatchAsync(State state, JsonNode? raw, DataFlowScope scope)
    {
        var retriesUsed = new int[state.Retry.Count];
        // Bounded by ASL's rules: every pass either returns, throws, or uses one of the retriers' MaxAttempts.
        long attempts = 1 + state.Retry.Sum(r => (long)r.MaxAttempts);
        for (long attempt = 0; attempt < attempts; attempt++)
        {
            string error;
            string cause;
            // $$.State.RetryCount: how many retries came before this attempt.
            scope.Context!["State"]!["RetryCount"] = (int)attempt;
            try
            {
                JsonNode? effective = state is MapState ? StateDataFlow.ApplyInputPath(raw, state.InputPath, scope) : Effective(state, raw, scope);
                JsonNode? rawResult = await ExecuteAsync(state, effective, scope);
                JsonNode? result = state.ResultSelector is null ? rawResult : StateDataFlow.ApplyTemplate(state.ResultSelector, scope.WithData(rawResult));
                JsonNode? output = Output(state, StateDataFlow.ApplyResultPath(raw, result, state.ResultPath), scope);
                if (state.CompensationActivity is { } compensation)
                {
                    _compensations.Add((compensation, effective));
                }

                return (output, state.Next);
            }
            catch (Exception exception) when (TryDescribe(exception, out string? e, out string? c))
            {
                error = e;
                cause = c;
            }

            int index = IndexOfMatch(state.Retry.Select(r => r.ErrorEquals).ToList(), error);
            if (index >= 0 && retriesUsed[index] < state.Retry[index].MaxAttempts)
            {
                Retrier retrier = state.Retry[index];
                double jitter = retrier.JitterStrategy == JitterStrategy.Full ? RetryDelay.FractionOf(_context.NewGuid()) : 0;
                TimeSpan delay = RetryDelay.For(retrier, retriesUsed[index]++, jitter);
                if (delay > TimeSpan.Zero)
                {
                    await _context.CreateTimer(delay, CancellationToken.None);
                }

                continue;
            }

            int catcherIndex = IndexOfMatch(state.Catch.Select(c => c.ErrorEquals).ToList(), error);
            if (catcherIndex < 0)
            {
                throw new StatesErrorException(error, cause);
            }

            Catcher catcher = state.Catch[catcherIndex];
            var errorObject = new JsonObject { ["Error"] = error, ["Cause"] = cause };
            return (StateDataFlow.ApplyResultPath(raw, errorObject, catcher.ResultPath), catcher.Next);
        }

        throw new InvalidOperationException($"The state '{state.Name}' ran more attempts than its retriers allow.");
    }

    private async Task<JsonNode?> ExecuteAsync(State state, JsonNode? effective, DataFlowScope scope)
    {
        switch (state)
        {
            case ActivityState activity:
                return await WithTimeoutAsync(_context.CallActivityAsync<JsonNode?>(activity.ActivityName, effective), activity.TimeoutSeconds, $"The state '{activity.Name}'");
            case AgentState agent:
                string prompt = agent.Prompt ?? AsPrompt(StateDataFlow.Resolve(agent.PromptPath!, scope.WithData(effective)), agent.Name);
                return await WithTimeoutAsync(AgentInvocationAdapter.InvokeAsync(_context, agent.AgentName, prompt, effective, null), agent.TimeoutSeconds, $"The state '{agent.Name}'");
            case ParallelState parallel:
            {
                JsonObject execution = WithoutState((JsonObject)scope.Context!);
                JsonNode?[] outputs = await Task.WhenAll(parallel.Branches.Select(branch => RunMachineAsync(branch, effective?.DeepClone(), execution)));
                return new JsonArray(outputs);
            }

            case MapState map:
                return await RunMapAsync(map, effective, scope);
            default:
                throw new InvalidOperationException($"The state type {state.Type} is not a task.");
        }
    }

    private async Task<JsonNode?> RunMapAsync(MapState map, JsonNode? effective, DataFlowScope scope)
    {
        // An ItemsPath that selects nothing is a States.Runtime error, as in Step Functions (not a ParameterPathFailure:
        // ItemsPath is a path of the state, like InputPath, not a field of a template).
        var itemsPath = JsonPath.Parse(map.ItemsPath);
        if (!itemsPath.TrySelect(itemsPath.IsContextPath ? scope.Context : effective, out JsonNode? items) || items is not JsonArray array)
        {
            throw new StatesErrorException(StatesErrorNames.Runtime, $"The ItemsPath '{map.ItemsPath}' of the Map state '{map.Name}' does not select an array.");
        }

        JsonObject execution = WithoutState((JsonObject)scope.Context!);
        JsonNode? selector = map.ItemSelector ?? map.Parameters;
        var results = new JsonNode?[array.Count];
        int limit = map.MaxConcurrency == 0 ? array.Count : map.MaxConcurrency;
        var running = new Dictionary<Task<JsonNode?>, int>();
        int started = 0;
        // A sliding window: start items in order, and start the next one whenever one finishes. The order in which
        // WhenAny sees completions comes from the history, so replays start the same items at the same points.
        while (started < array.Count || running.Count > 0)
        {
            while (running.Count < limit && started < array.Count)
            {
                int index = started++;
                JsonObject itemContext = ContextObject.ForMapItem((JsonObject)scope.Context!, index, array[index]);
                JsonNode? itemInput = selector is null ? array[index]?.DeepClone() : StateDataFlow.ApplyTemplate(selector, new DataFlowScope(effective, itemContext, _context.NewGuid));
                running.Add(RunMachineAsync(map.ItemProcessor!, itemInput, ContextObject.ForMapItem(execution, index, array[index])), index);
            }

            Task<JsonNode?> done = await Task.WhenAny(running.Keys);
            results[running[done]] = await done;
            running.Remove(done);
        }

        return new JsonArray(results);
    }

    /// <summary>A state's or the run's TimeoutSeconds: a durable timer races the work; <paramref name="what"/> names it in the error.</summary>
    private async Task<JsonNode?> WithTimeoutAsync(Task<JsonNode?> work, int? timeoutSeconds, string what)
    {
        if (timeoutSeconds is not int seconds)
        {
            return await work;
        }

        using var cancel = new CancellationTokenSource();
        Task timeout = _context.CreateTimer(TimeSpan.FromSeconds(seconds), cancel.Token);
        if (await Task.WhenAny(work, timeout) == timeout)
        {
            throw new StatesErrorException(StatesErrorNames.Timeout, $"{what} did not finish within {seconds} seconds.");
        }

#pragma warning disable CA1849 // CancelAsync would run callbacks off the orchestration's single thread; the synchronous call is the deterministic one.
        cancel.Cancel();
#pragma warning restore CA1849
        return await work;
    }

    private static JsonNode? Effective(State state, JsonNode? raw, DataFlowScope scope)
    {
        JsonNode? filtered = StateDataFlow.ApplyInputPath(raw, state.InputPath, scope);
        return state.Parameters is null ? filtered : StateDataFlow.ApplyTemplate(state.Parameters, scope.WithData(filtered));
    }

    private static JsonNode? Output(State state, JsonNode? value, DataFlowScope scope) =>
        StateDataFlow.ApplyOutputPath(value, state.OutputPath, scope);

    private DateTime WaitUntil(WaitState wait, DataFlowScope scope)
    {
        DateTime now = _context.CurrentUtcDateTime;
        if (wait.Seconds is int seconds)
        {
            return now.AddSeconds(seconds);
        }

        if (wait.Timestamp is DateTimeOffset timestamp)
        {
            return timestamp.UtcDateTime;
        }

        JsonNode? value = scope.Select(JsonPath.Parse(wait.SecondsPath ?? wait.TimestampPath!));
        if (wait.SecondsPath is not null)
        {
            return value is JsonValue v && v.GetValueKind() == JsonValueKind.Number &&
                long.TryParse(v.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long pathSeconds) && pathSeconds >= 0
                ? now.AddSeconds(pathSeconds)
                : throw new StatesErrorException(StatesErrorNames.Runtime, $"The SecondsPath '{wait.SecondsPath}' of the Wait state '{wait.Name}' does not select a non-negative integer.");
        }

        return value is JsonValue t && t.GetValueKind() == JsonValueKind.String &&
            DateTimeOffset.TryParse(t.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset at)
            ? at.UtcDateTime
            : throw new StatesErrorException(StatesErrorNames.Runtime, $"The TimestampPath '{wait.TimestampPath}' of the Wait state '{wait.Name}' does not select an ISO-8601 timestamp.");
    }

    private static string AsPrompt(JsonNode? value, string stateName) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new StatesErrorException(StatesErrorNames.Runtime, $"The prompt of the Agent state '{stateName}' is not a string.");

    private static JsonObject WithoutState(JsonObject context)
    {
        var copy = (JsonObject)context.DeepClone();
        copy.Remove("State");
        return copy;
    }

    private static int IndexOfMatch(List<IReadOnlyList<string>> errorEquals, string error)
    {
        for (int i = 0; i < errorEquals.Count; i++)
        {
            if (ErrorMatcher.Matches(errorEquals[i], error))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The ASL error name and cause of a failure the workflow may handle: a task's failure or a States error.</summary>
    private static bool TryDescribe(Exception exception, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? error, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? cause)
    {
        switch (exception)
        {
            case StatesErrorException states:
                (error, cause) = (states.Error, states.Cause);
                return true;
            case TaskFailedException failed:
                (error, cause) = (failed.FailureDetails.ErrorType, failed.FailureDetails.ErrorMessage);
                return true;
            default:
                (error, cause) = (null, null);
                return false;
        }
    }
}
