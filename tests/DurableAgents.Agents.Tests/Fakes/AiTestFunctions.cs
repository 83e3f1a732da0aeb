using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents.Tests.Fakes;

/// <summary>A function declaration to offer models as a tool in tests.</summary>
internal sealed class WeatherTool : AIFunctionDeclaration
{
    private static readonly JsonElement Schema = JsonDocument.Parse(
        """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""").RootElement;

    public override string Name => "get_weather";

    public override string Description => "Current weather for a city.";

    public override JsonElement JsonSchema => Schema;
}
