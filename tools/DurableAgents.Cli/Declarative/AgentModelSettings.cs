using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.Cli.Errors;
using DurableAgents.StepFunctions;
using DurableAgents.StepFunctions.Export;

namespace DurableAgents.Cli.Declarative;

/// <summary>
/// Reads the agents' models for a <c>bedrock:invokeModel</c> export from an appsettings.json file
/// (<c>Agents:Definitions:&lt;name&gt;</c>: <c>Model</c>, <c>SystemPrompt</c>, <c>MaxTokens</c>, <c>Temperature</c>, the
/// keys the host's agent registry reads). Keys match without regard to case, as .NET configuration does.
/// </summary>
internal static class AgentModelSettings
{
    /// <summary>The file read when --settings is not given.</summary>
    public const string DefaultFile = "appsettings.json";

    /// <summary>The <c>bedrock:invokeModel</c> options for <paramref name="agents"/> ("all": every agent the workflows call).</summary>
    /// <exception cref="CliUsageException">The file, an agent or its model is missing.</exception>
    public static AslExportOptions Read(string settingsPath, IReadOnlyList<string> agents, IEnumerable<WorkflowDefinition> workflows)
    {
        if (!File.Exists(settingsPath))
        {
            throw new CliUsageException($"the settings file '{settingsPath}' does not exist; --bedrock reads the agents' models from it (pass --settings <appsettings.json>).");
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(settingsPath), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException error)
        {
            throw new CliUsageException($"the settings file '{settingsPath}' is not valid JSON: {error.Message}");
        }

        JsonObject? definitions = Child(Child(root, "Agents"), "Definitions") as JsonObject;
        // The export matches agent names ordinally, so a name must be exactly one the workflows call; anything else
        // would be silently left on the agent function.
        List<string> called = [.. workflows.SelectMany(w => AgentNames(w.Machine)).Distinct(StringComparer.Ordinal)];
        bool all = agents.Any(a => string.Equals(a, "all", StringComparison.OrdinalIgnoreCase));
        if (!all && agents.FirstOrDefault(a => !called.Contains(a, StringComparer.Ordinal)) is { } unknown)
        {
            throw new CliUsageException(
                $"--bedrock names the agent '{unknown}', which the exported workflows do not call; agent names are case-sensitive. They call: {string.Join(", ", called)}.");
        }

        IEnumerable<string> names = all ? called : agents;
        var models = new Dictionary<string, BedrockAgentModel>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            JsonNode? agent = Child(definitions, name)
                ?? throw new CliUsageException($"the agent '{name}' is not defined under Agents:Definitions in '{settingsPath}'.");
            string model = Child(agent, "Model")?.GetValue<string>()
                ?? throw new CliUsageException($"the agent '{name}' has no Model under Agents:Definitions:{name} in '{settingsPath}'; bedrock:invokeModel needs a model id.");
            models[name] = new BedrockAgentModel(model)
            {
                SystemPrompt = Child(agent, "SystemPrompt")?.GetValue<string>(),
                MaxTokens = Child(agent, "MaxTokens") is { } max ? (int)Number(max, name, "MaxTokens", settingsPath) : 1024,
                Temperature = Child(agent, "Temperature") is { } temperature ? Number(temperature, name, "Temperature", settingsPath) : null,
            };
        }

        return new AslExportOptions { BedrockAgents = models };
    }

    private static JsonNode? Child(JsonNode? node, string key) =>
        node is JsonObject obj ? obj.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value : null;

    private static double Number(JsonNode value, string agent, string key, string path) =>
        value is JsonValue v && (v.TryGetValue(out double number) ||
            (v.TryGetValue(out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number)))
            ? number
            : throw new CliUsageException($"Agents:Definitions:{agent}:{key} in '{path}' is not a number.");

    private static IEnumerable<string> AgentNames(StateMachine machine) =>
        machine.States.SelectMany(state => state switch
        {
            AgentState agent => [agent.AgentName],
            ParallelState parallel => parallel.Branches.SelectMany(AgentNames),
            MapState { ItemProcessor: { } processor } => AgentNames(processor),
            _ => [],
        });
}
