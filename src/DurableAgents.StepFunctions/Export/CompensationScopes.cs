using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.Export;

/// <summary>
/// Writes compensations as nested Parallel scopes, so that Step Functions undoes exactly what the interpreter undoes:
/// the compensations of the task states that completed, newest first, each with its state's effective input, and then
/// fails with the original error. For a task state X with a compensation and a Next:
/// <list type="bullet">
/// <item>a Pass "<c>X (keep input)</c>" before X turns X's raw input R into <c>{"input":R,"keep":R}</c>;</item>
/// <item>X reads and writes under <c>$.input</c> (its InputPath, ResultPath and catchers' ResultPaths get that prefix;
/// its Retry and TimeoutSeconds stay), so R stays at <c>$.keep</c>; a catcher of X goes through a Pass
/// "<c>X catch n</c>" that unwraps <c>$.input</c> before its target;</item>
/// <item>a Parallel "<c>After X</c>" runs, as its only branch, every state that can follow X, on X's output (its
/// InputPath is X's OutputPath under <c>$.input</c>; its OutputPath <c>$[0]</c> unwraps the branch output). Any failure
/// in it (an uncaught error, a Fail state, a nested scope's re-raise) is caught with States.ALL at <c>$.error</c>;</item>
/// <item>a Task "<c>Compensate X</c>" calls the compensation's function with X's InputPath (under <c>$.keep</c>) and
/// Parameters, which gives X's effective input again, then a Fail "<c>Compensated X</c>" re-raises the caught error
/// with ErrorPath and CausePath. Inside an outer scope, that re-raise is caught by the outer scope in turn, which is
/// how the compensations run in reverse order.</item>
/// </list>
/// The states after X must be reachable only through X (no loop back to X, no jump into them from elsewhere, no catcher
/// of X into them): otherwise which steps completed depends on the path, and the export refuses, naming the state.
/// </summary>
internal static class CompensationScopes
{
    private const int MaxStateNameLength = 80;

    /// <summary>
    /// Rewrites <paramref name="states"/> (one machine, written in order) so that its compensable states are undone on
    /// failure; returns the new StartAt and states. <paramref name="originals"/> holds the machine's states by name;
    /// <paramref name="write"/> writes a state; <paramref name="usedNames"/> holds every state name of the document.
    /// </summary>
    public static (string StartAt, List<(string Name, JsonObject State)> States) Apply(
        string startAt,
        List<(string Name, JsonObject State)> states,
        IReadOnlyDictionary<string, State> originals,
        Func<State, JsonObject> write,
        ISet<string> usedNames)
    {
        var byName = states.ToDictionary(s => s.Name, s => s.State, StringComparer.Ordinal);
        // A compensable state that ends its machine has nothing after it that could fail.
        var scopes = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach ((string name, JsonObject json) in states)
        {
            if (originals.TryGetValue(name, out State? state) && state.CompensationActivity is not null && state.Next is { } next)
            {
                scopes[name] = Reachable(next, byName);
            }
        }

        if (scopes.Count == 0)
        {
            return (startAt, states);
        }

        foreach ((string name, HashSet<string> scope) in scopes)
        {
            CheckScope(name, scope, startAt, states);
        }

        var outermost = scopes.Keys.Where(x => !scopes.Any(other => other.Key != x && other.Value.Contains(x))).ToHashSet(StringComparer.Ordinal);
        var moved = new HashSet<string>(outermost.SelectMany(x => scopes[x]), StringComparer.Ordinal);
        var rename = outermost.ToDictionary(x => x, x => Claim(KeepInputName(x), x, usedNames), StringComparer.Ordinal);
        var result = new List<(string Name, JsonObject State)>();
        foreach ((string name, JsonObject json) in states)
        {
            if (moved.Contains(name))
            {
                continue;
            }

            if (!outermost.Contains(name))
            {
                Rename(json, rename);
                result.Add((name, json));
                continue;
            }

            State x = originals[name];
            string after = Claim($"After {name}", name, usedNames);
            string compensate = Claim($"Compensate {name}", name, usedNames);
            string compensated = Claim($"Compensated {name}", name, usedNames);
            var adapters = new List<(string Name, JsonObject State)>();
            var catchers = new List<Catcher>();
            for (int i = 0; i < x.Catch.Count; i++)
            {
                Catcher catcher = x.Catch[i];
                string adapter = Claim($"{name} catch {i + 1}", name, usedNames);
                adapters.Add((adapter, new JsonObject
                {
                    ["Type"] = "Pass",
                    ["Comment"] = $"Unwraps the data a catcher of '{name}' placed under $.input.",
                    ["InputPath"] = "$.input",
                    ["Next"] = rename.GetValueOrDefault(catcher.Next, catcher.Next),
                }));
                catchers.Add(catcher with { ResultPath = Under("$.input", catcher.ResultPath), Next = adapter });
            }

            result.Add((rename[name], new JsonObject
            {
                ["Type"] = "Pass",
                ["Comment"] = $"Keeps the input of '{name}' for its compensation.",
                ["Parameters"] = new JsonObject { ["input.$"] = "$", ["keep.$"] = "$" },
                ["Next"] = name,
            }));
            result.Add((name, write(x with
            {
                InputPath = Under("$.input", x.InputPath),
                ResultPath = Under("$.input", x.ResultPath),
                OutputPath = "$",
                Catch = catchers,
                Next = after,
                CompensationActivity = null,
            })));

            List<(string Name, JsonObject State)> branchStates = [.. states.Where(s => scopes[name].Contains(s.Name))];
            (string branchStart, List<(string Name, JsonObject State)> branch) = Apply(x.Next!, branchStates, originals, write, usedNames);
            var branchStatesJson = new JsonObject();
            foreach ((string branchName, JsonObject branchState) in branch)
            {
                branchStatesJson[branchName] = branchState;
            }

            result.Add((after, new JsonObject
            {
                ["Type"] = "Parallel",
                ["Comment"] = $"The states after '{name}'; if they fail, '{name}' is compensated and the error raised again.",
                ["Branches"] = new JsonArray(new JsonObject { ["StartAt"] = branchStart, ["States"] = branchStatesJson }),
                ["InputPath"] = Under("$.input", x.OutputPath),
                ["OutputPath"] = "$[0]",
                ["Catch"] = new JsonArray(new JsonObject
                {
                    ["ErrorEquals"] = new JsonArray(StatesErrorNames.All),
                    ["ResultPath"] = "$.error",
                    ["Next"] = compensate,
                }),
                ["End"] = true,
            }));

            var compensation = new JsonObject
            {
                ["Type"] = "Task",
                ["Resource"] = $"${{{AslExporter.ActivityResourceVariable(x.CompensationActivity!)}}}",
                ["InputPath"] = Under("$.keep", x.InputPath),
            };
            if (x.Parameters is not null)
            {
                compensation["Parameters"] = x.Parameters.DeepClone();
            }

            compensation["ResultPath"] = null;
            compensation["Next"] = compensated;
            result.Add((compensate, compensation));
            result.Add((compensated, new JsonObject
            {
                ["Type"] = "Fail",
                ["ErrorPath"] = "$.error.Error",
                ["CausePath"] = "$.error.Cause",
            }));
            result.AddRange(adapters);
        }

        return (rename.GetValueOrDefault(startAt, startAt), result);
    }

    /// <summary>Refuses a state that has a compensation where the export cannot write one (a Parallel branch or Map item processor).</summary>
    public static void RefuseInside(StateMachine machine, string where)
    {
        foreach (State state in machine.States)
        {
            if (state.CompensationActivity is not null)
            {
                throw new NotSupportedException(
                    $"The state '{state.Name}' in {where} has a compensation, which the ASL export cannot write there: the interpreter undoes the steps of all branches in the order they completed, which ASL cannot express. Move the compensable step out of the branch.");
            }
        }
    }

    /// <summary><paramref name="path"/> (a path over the data) read under <paramref name="prefix"/>; null (the empty object) stays null.</summary>
    public static string? Under(string prefix, string? path) =>
        path is null || path.StartsWith("$$", StringComparison.Ordinal) ? path : prefix + path[1..];

    private static void CheckScope(string name, HashSet<string> scope, string startAt, List<(string Name, JsonObject State)> states)
    {
        string Refuse(string reason) =>
            $"The compensation of '{name}' cannot be exported: {reason}. The export undoes '{name}' for failures in the states after it, which must be reached only through '{name}'.";

        if (scope.Contains(name))
        {
            throw new NotSupportedException(Refuse($"'{name}' can run again after it completed (a loop), so it may need undoing more than once"));
        }

        if (scope.Contains(startAt))
        {
            throw new NotSupportedException(Refuse($"the start state '{startAt}' comes after it"));
        }

        foreach ((string other, JsonObject json) in states)
        {
            // X's own Next is the one way in; its catchers are checked below.
            if (scope.Contains(other) || other == name)
            {
                continue;
            }

            foreach (string target in Transitions(json, includeCatch: true))
            {
                if (scope.Contains(target))
                {
                    throw new NotSupportedException(Refuse($"'{other}' goes to '{target}' without passing through '{name}'"));
                }
            }
        }

        foreach (string target in states.First(s => s.Name == name).State["Catch"]?.AsArray().Select(c => c!["Next"]!.GetValue<string>()) ?? [])
        {
            if (scope.Contains(target))
            {
                throw new NotSupportedException(Refuse($"a catcher of '{name}' goes to '{target}', which also follows its success"));
            }
        }
    }

    private static HashSet<string> Reachable(string from, Dictionary<string, JsonObject> byName)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out string? name))
        {
            if (seen.Add(name) && byName.TryGetValue(name, out JsonObject? json))
            {
                foreach (string target in Transitions(json, includeCatch: true))
                {
                    pending.Push(target);
                }
            }
        }

        return seen;
    }

    /// <summary>Every state a written state can go to: Next, a Choice's rules and Default, its catchers.</summary>
    private static IEnumerable<string> Transitions(JsonObject json, bool includeCatch)
    {
        if (json["Next"] is JsonValue next)
        {
            yield return next.GetValue<string>();
        }

        if (json["Default"] is JsonValue defaultNext)
        {
            yield return defaultNext.GetValue<string>();
        }

        foreach (JsonNode? rule in json["Choices"]?.AsArray() ?? [])
        {
            yield return rule!["Next"]!.GetValue<string>();
        }

        if (includeCatch)
        {
            foreach (JsonNode? catcher in json["Catch"]?.AsArray() ?? [])
            {
                yield return catcher!["Next"]!.GetValue<string>();
            }
        }
    }

    private static void Rename(JsonObject json, Dictionary<string, string> rename)
    {
        void RenameIn(JsonNode? holder, string key)
        {
            if (holder?[key] is JsonValue value && rename.TryGetValue(value.GetValue<string>(), out string? renamed))
            {
                holder[key] = renamed;
            }
        }

        RenameIn(json, "Next");
        RenameIn(json, "Default");
        foreach (JsonNode? rule in json["Choices"]?.AsArray() ?? [])
        {
            RenameIn(rule, "Next");
        }

        foreach (JsonNode? catcher in json["Catch"]?.AsArray() ?? [])
        {
            RenameIn(catcher, "Next");
        }
    }

    private static string KeepInputName(string name) => $"{name} (keep input)";

    /// <summary>Reserves a generated state name, refusing one that is taken or longer than ASL allows.</summary>
    private static string Claim(string generated, string stateName, ISet<string> usedNames)
    {
        if (generated.Length > MaxStateNameLength)
        {
            throw new NotSupportedException(
                $"The compensation of '{stateName}' needs a state named '{generated}', longer than ASL's {MaxStateNameLength} characters; shorten the state's name.");
        }

        if (!usedNames.Add(generated))
        {
            throw new NotSupportedException(
                $"The compensation of '{stateName}' needs a state named '{generated}', which the workflow already uses; rename that state.");
        }

        return generated;
    }
}
