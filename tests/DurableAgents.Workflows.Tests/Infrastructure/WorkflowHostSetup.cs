using Amazon.Runtime;
using DurableAgents.Workflows.SideEffects;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Workflows.Tests.Infrastructure;

/// <summary>What a test changes about the shipped setup: configuration values, model doubles, the ledger.</summary>
internal sealed class WorkflowHostSetup
{
    /// <summary>Configuration values laid over the sample configuration ("Agents:Definitions:planner:MaxTokens" = "512").</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Model doubles by agent name; other agents use the real clients from configuration.</summary>
    public Dictionary<string, IChatClient> Models { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ISideEffectLedger Ledger { get; set; } = new InMemorySideEffectLedger();

    public AWSCredentials? BedrockCredentials { get; set; }

    /// <summary>Where the engine, the worker and the workflows log; nowhere when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Lets <paramref name="agent"/> answer through <paramref name="model"/>, as a non-offline provider.</summary>
    public WorkflowHostSetup UseModel(string agent, IChatClient model)
    {
        Models[agent] = model;

        // Any provider other than Offline: the factory double answers, and the workflows treat it as a real model.
        Settings[$"Agents:Definitions:{agent}:Provider"] = "OpenAiCompatible";
        return this;
    }
}
