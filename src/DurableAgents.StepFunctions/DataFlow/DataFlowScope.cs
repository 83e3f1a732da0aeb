using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>
/// What paths and intrinsic functions read: the data (<c>$</c>), the context object (<c>$$</c>) and where new UUIDs come
/// from. In an orchestrator <see cref="NewGuid"/> must be the context's NewGuid so that replays see the same values.
/// </summary>
/// <param name="Data">The data <c>$</c> refers to.</param>
/// <param name="Context">The context object <c>$$</c> refers to (see <see cref="ContextObject"/>).</param>
/// <param name="NewGuid">The source of States.UUID values.</param>
public sealed record DataFlowScope(JsonNode? Data, JsonNode? Context, Func<Guid> NewGuid)
{
    /// <summary>The value at <paramref name="path"/>; a path the data does not have fails with States.ParameterPathFailure.</summary>
    public JsonNode? Select(JsonPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.TrySelect(path.IsContextPath ? Context : Data, out JsonNode? value)
            ? value
            : throw new StatesErrorException(StatesErrorNames.ParameterPathFailure,
                $"The path '{path}' does not match anything in the {(path.IsContextPath ? "context object" : "input")}.");
    }

    /// <summary>This scope reading other data.</summary>
    public DataFlowScope WithData(JsonNode? data) => this with { Data = data };
}
