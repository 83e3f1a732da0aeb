using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Management.Handlers;

/// <summary>
/// Checks a start's input against the orchestrator's known input type with the host's JSON options, made strict in
/// the two ways a later failure would otherwise hide: a non-nullable constructor parameter without a default must be
/// present, and null is refused where the type does not allow it. An empty body (null) is refused only when the type
/// has required members, which <c>{}</c> would lack too.
/// </summary>
internal static class OrchestratorInputCheck
{
    private static readonly ConditionalWeakTable<JsonSerializerOptions, JsonSerializerOptions> StrictOptions = [];

    public static void Ensure(IOrchestratorInputTypes? inputTypes, string orchestrator, JsonElement? input)
    {
        if (inputTypes is null || !inputTypes.TryGetInputType(orchestrator, out Type? inputType))
        {
            return;
        }

        JsonSerializerOptions strict = StrictOptions.GetValue(inputTypes.SerializerOptions, Strict);
        string typeName = inputType.Name;
        if (input is null)
        {
            string[] required = RequiredMembers(strict, inputType);
            if (required.Length > 0)
            {
                throw Invalid("body",
                    $"Orchestrator '{orchestrator}' needs an input of type {typeName} with {string.Join(", ", required.Select(r => $"'{r}'"))}, but the request has no body. Send the input as JSON.");
            }

            return;
        }

        try
        {
            JsonSerializer.Deserialize(input.Value, inputType, strict);
        }
        catch (JsonException ex)
        {
            string field = string.IsNullOrEmpty(ex.Path) ? "body" : ex.Path;
            throw Invalid(field, $"The input cannot be read as {typeName}, the input type of orchestrator '{orchestrator}': {ex.Message}");
        }
        catch (NotSupportedException)
        {
            // A type these options cannot read at all (e.g. an interface): the host reads it some other way; let it.
        }
    }

    private static ManagementProblemException Invalid(string field, string detail) =>
        new(StatusCodes.Status400BadRequest, "invalid-input", "Invalid input", detail, field);

    private static string[] RequiredMembers(JsonSerializerOptions strict, Type inputType)
    {
        try
        {
            JsonTypeInfo info = strict.GetTypeInfo(inputType);
            return info.Kind == JsonTypeInfoKind.Object ? info.Properties.Where(p => p.IsRequired).Select(p => p.Name).ToArray() : [];
        }
        catch (NotSupportedException)
        {
            return [];
        }
    }

    private static JsonSerializerOptions Strict(JsonSerializerOptions host)
    {
        IJsonTypeInfoResolver resolver = host.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver();
        return new JsonSerializerOptions(host)
        {
            RespectNullableAnnotations = true,
            TypeInfoResolver = resolver.WithAddedModifier(RequireNonNullableConstructorParameters),
        };
    }

    /// <summary>
    /// A record's non-nullable parameter without a default cannot be left out: without this the serializer passes
    /// null (or 0) and the orchestration fails later, far from the request that caused it.
    /// </summary>
    private static void RequireNonNullableConstructorParameters(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (JsonPropertyInfo property in info.Properties)
        {
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
            {
                property.IsRequired = true;
            }
        }
    }
}
