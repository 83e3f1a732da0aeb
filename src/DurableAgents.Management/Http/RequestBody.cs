using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DurableAgents.Management.Http;

/// <summary>
/// Reads a JSON request body with a size limit. One rule for every route that takes a body: an empty body needs no
/// content type and reads as "no value" (null); a non-empty body must be declared as JSON (application/json or any
/// +json type, else 415) and must parse (else 400). Oversized bodies are 413.
/// </summary>
internal static class RequestBody
{
    /// <summary>The body as JSON, or null when the request has an empty body (or none).</summary>
    public static async Task<JsonElement?> ReadJsonAsync(HttpContext http, long maxBytes)
    {
        byte[] bytes = await ReadBytesAsync(http, maxBytes);
        if (bytes.Length == 0)
        {
            return null;
        }

        RequireJsonContentType(http);
        try
        {
            using JsonDocument document = JsonDocument.Parse(bytes);
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw Problems.MalformedJson("body", $"The request body is not valid JSON: {ex.Message} Send a JSON value (for example {{\"city\":\"Tokyo\"}} or \"text\" in quotes).");
        }
    }

    private static void RequireJsonContentType(HttpContext http)
    {
        string? contentType = http.Request.ContentType;
        string mediaType = contentType?.Split(';')[0].Trim() ?? string.Empty;
        if (!mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) &&
            !mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
        {
            throw new ManagementProblemException(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
                $"The request body is declared as '{contentType ?? "(no content type)"}'; a body must be JSON. Send it with 'Content-Type: application/json', or send no body at all.",
                "Content-Type");
        }
    }

    private static async Task<byte[]> ReadBytesAsync(HttpContext http, long maxBytes)
    {
        long? declared = http.Request.ContentLength;
        if (declared > maxBytes)
        {
            throw TooLarge(maxBytes, $"{declared} bytes were declared");
        }

        // Make the server's own limit ours (plus the one byte that proves a body too long), instead of its global default.
        IHttpMaxRequestBodySizeFeature? limitFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (limitFeature is { IsReadOnly: false })
        {
            limitFeature.MaxRequestBodySize = maxBytes + 1;
        }

        var buffer = new ArrayBufferWriter<byte>(declared is > 0 ? (int)declared.Value : 4096);
        Stream body = http.Request.Body;
        while (true)
        {
            // Never ask for more than one byte past the limit.
            int wanted = (int)Math.Min(8192, maxBytes + 1 - buffer.WrittenCount);
            int read;
            try
            {
                read = await body.ReadAsync(buffer.GetMemory(wanted)[..wanted], http.RequestAborted);
            }
            catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                // A chunked body is counted by the server as it arrives, which may cross the limit before we do.
                throw TooLarge(maxBytes, "more bytes were sent");
            }

            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                throw TooLarge(maxBytes, "more bytes were sent");
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static ManagementProblemException TooLarge(long maxBytes, string what) =>
        new(StatusCodes.Status413PayloadTooLarge, "body-too-large", "Request body too large",
            $"The request body may hold at most {maxBytes} bytes, but {what}. Send a smaller body, or raise Management:MaxRequestBodyBytes.", "body");
}
