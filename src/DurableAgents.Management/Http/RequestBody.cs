using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DurableAgents.Management.Http;

/// <summary>Reads a JSON request body with a size limit, answering 413 and 400 problems for oversized or malformed bodies.</summary>
internal static class RequestBody
{
    /// <summary>The body as JSON, or null when the request has no body.</summary>
    public static async Task<JsonElement?> ReadJsonAsync(HttpContext http, long maxBytes)
    {
        byte[] bytes = await ReadBytesAsync(http, maxBytes);
        if (bytes.Length == 0)
        {
            return null;
        }

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

    /// <summary>Refuses bodies whose content type is not JSON (application/json or any +json type).</summary>
    public static void RequireJsonContentType(HttpContext http)
    {
        string? contentType = http.Request.ContentType;
        if (contentType is null ||
            !(contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
              contentType.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            throw Problems.Invalid("Content-Type",
                $"The request content type is '{contentType ?? "(none)"}'; only application/json content is supported. Send the body with 'Content-Type: application/json'.");
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
