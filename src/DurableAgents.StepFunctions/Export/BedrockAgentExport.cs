using System.Text;
using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.Export;

/// <summary>
/// Writes an Agent state as a Task on Step Functions' optimized <c>bedrock:invokeModel</c> integration: the request is
/// the Anthropic Claude messages format with the agent's system prompt, max tokens and temperature, and the user message
/// the InvokeAgent activity sends (<c>Context:\n{effective input as JSON}\n\nTask:\n{prompt}</c>). The ResultSelector
/// turns the response (<c>{"Body":{"content":[{"text"}],"usage":{...},"stop_reason"}}</c>) into the fields of the agent
/// result the activity returns that Bedrock can give: agentName, text, provider, model, inputTokens, outputTokens and
/// finishReason (Anthropic's stop reason). A ResultSelector of the state itself is composed with that one, since a Task
/// has only one.
/// </summary>
internal static class BedrockAgentExport
{
    /// <summary>The optimized integration's resource.</summary>
    public const string Resource = "arn:aws:states:::bedrock:invokeModel";

    /// <summary>The version field Bedrock requires in an Anthropic messages request.</summary>
    public const string AnthropicVersion = "bedrock-2023-05-31";

    /// <summary>The request of <paramref name="agent"/>'s call.</summary>
    /// <exception cref="NotSupportedException">The model is not an Anthropic model.</exception>
    public static JsonObject Parameters(AgentState agent, BedrockAgentModel model)
    {
        if (!model.ModelId.StartsWith("anthropic.", StringComparison.Ordinal))
        {
            throw new NotSupportedException(
                $"The agent '{agent.AgentName}' of the state '{agent.Name}' uses the model '{model.ModelId}', which the bedrock:invokeModel export cannot call: it writes the Anthropic Claude messages format, for 'anthropic.' foundation models only. Export that agent through the Lambda function instead.");
        }

        string prompt = agent.Prompt is { } literal ? Quote(literal) : agent.PromptPath!;
        var body = new JsonObject
        {
            ["anthropic_version"] = AnthropicVersion,
            ["max_tokens"] = model.MaxTokens,
        };
        if (!string.IsNullOrEmpty(model.SystemPrompt))
        {
            body["system"] = model.SystemPrompt;
        }

        if (model.Temperature is double temperature)
        {
            body["temperature"] = temperature;
        }

        body["messages"] = new JsonArray(new JsonObject
        {
            ["role"] = "user",
            ["content"] = new JsonArray(new JsonObject
            {
                ["type"] = "text",
                ["text.$"] = $"States.Format('Context:\n{{}}\n\nTask:\n{{}}', States.JsonToString($), {prompt})",
            }),
        });
        return new JsonObject { ["ModelId"] = model.ModelId, ["Body"] = body };
    }

    /// <summary>The ResultSelector: the agent result, or the state's own ResultSelector read through it.</summary>
    /// <exception cref="NotSupportedException">The state's ResultSelector reads a field Bedrock does not give.</exception>
    public static JsonObject ResultSelector(AgentState agent, BedrockAgentModel model, AgentResultFieldNames names)
    {
        Dictionary<string, JsonNode> fields = Fields(agent, model, names);
        if (agent.ResultSelector is not JsonObject own)
        {
            return Whole(fields);
        }

        return Compose(own, fields, agent);
    }

    private static Dictionary<string, JsonNode> Fields(AgentState agent, BedrockAgentModel model, AgentResultFieldNames names)
    {
        string Name(string dotNet) => names == AgentResultFieldNames.CamelCase ? char.ToLowerInvariant(dotNet[0]) + dotNet[1..] : dotNet;

        // A string node starting with "$" is a path into the response; anything else is a fixed value.
        return new Dictionary<string, JsonNode>(StringComparer.Ordinal)
        {
            [Name("AgentName")] = new JsonObject { ["value"] = agent.AgentName },
            [Name("Text")] = "$.Body.content[0].text",
            [Name("Provider")] = new JsonObject { ["value"] = "Bedrock" },
            [Name("Model")] = new JsonObject { ["value"] = model.ModelId },
            [Name("InputTokens")] = "$.Body.usage.input_tokens",
            [Name("OutputTokens")] = "$.Body.usage.output_tokens",
            [Name("FinishReason")] = "$.Body.stop_reason",
        };
    }

    private static JsonObject Whole(Dictionary<string, JsonNode> fields)
    {
        var selector = new JsonObject();
        foreach ((string name, JsonNode source) in fields)
        {
            Put(selector, name, source, rest: string.Empty);
        }

        return selector;
    }

    private static void Put(JsonObject target, string key, JsonNode source, string rest)
    {
        if (source is JsonObject fixedValue)
        {
            target[key] = fixedValue["value"]!.DeepClone();
        }
        else
        {
            target[key + ".$"] = source.GetValue<string>() + rest;
        }
    }

    private static JsonObject Compose(JsonObject own, Dictionary<string, JsonNode> fields, AgentState agent)
    {
        var composed = new JsonObject();
        foreach ((string key, JsonNode? value) in own)
        {
            if (!key.EndsWith(".$", StringComparison.Ordinal))
            {
                composed[key] = value is JsonObject nested ? Compose(nested, fields, agent) : value?.DeepClone();
                continue;
            }

            string path = value!.GetValue<string>();
            string name = key[..^2];
            if (path.StartsWith("$$", StringComparison.Ordinal))
            {
                composed[key] = path;
                continue;
            }

            if (path == "$")
            {
                composed[name] = Whole(fields);
                continue;
            }

            string Refuse(string reason) =>
                $"The ResultSelector of the Agent state '{agent.Name}' reads '{path}', which the bedrock:invokeModel export cannot write: {reason}. Export that agent through the Lambda function instead.";

            if (!path.StartsWith("$.", StringComparison.Ordinal))
            {
                throw new NotSupportedException(Refuse("only paths of the form $.field... can be read through the Bedrock response"));
            }

            int end = path.IndexOfAny(['.', '['], 2);
            string field = end < 0 ? path[2..] : path[2..end];
            string rest = end < 0 ? string.Empty : path[end..];
            if (!fields.TryGetValue(field, out JsonNode? source))
            {
                throw new NotSupportedException(Refuse($"Bedrock's response has no '{field}' (it gives {string.Join(", ", fields.Keys)})"));
            }

            if (source is JsonObject && rest.Length > 0)
            {
                throw new NotSupportedException(Refuse($"'{field}' is a fixed value"));
            }

            Put(composed, name, source, rest);
        }

        return composed;
    }

    /// <summary>A literal as an intrinsic function's string argument, with ASL's escapes.</summary>
    private static string Quote(string literal)
    {
        var quoted = new StringBuilder("'");
        foreach (char c in literal)
        {
            if (c is '\'' or '{' or '}' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('\'').ToString();
    }
}
