using System.Buffers;
using System.Text;
using System.Text.Json;
using Grpc.Core;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>Checks that payloads are JSON text before they are stored, so a bad payload fails the call and not the orchestration later.</summary>
internal static class JsonPayload
{
    private const int StackLimit = 512;

    /// <summary>Returns the payload, or null for an unset or empty one; throws INVALID_ARGUMENT when it is not one JSON value.</summary>
    /// <param name="payload">The payload as sent.</param>
    /// <param name="field">The request field, for the message (e.g. "CreateInstanceRequest.input").</param>
    public static string? Require(string? payload, string field)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return null;
        }

        int maxBytes = Encoding.UTF8.GetMaxByteCount(payload.Length);
        byte[]? rented = maxBytes > StackLimit ? ArrayPool<byte>.Shared.Rent(maxBytes) : null;
        Span<byte> buffer = rented ?? stackalloc byte[StackLimit];
        try
        {
            int length = Encoding.UTF8.GetBytes(payload, buffer);
            var reader = new Utf8JsonReader(buffer[..length], new JsonReaderOptions { MaxDepth = 256 });
            while (reader.Read())
            {
            }

            return payload;
        }
        catch (JsonException ex)
        {
            string sample = payload.Length <= 40 ? payload : payload[..40] + "...";
            throw new RpcException(new Status(StatusCode.InvalidArgument,
                $"{field} must be JSON text, but '{sample}' is not valid JSON ({ex.Message}). Serialize the value as JSON, e.g. \"\\\"text\\\"\" for a string."));
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
