using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>
/// Grpc.AspNetCore refuses a message over the size limit with RESOURCE_EXHAUSTED ("Received message exceeds the maximum
/// configured message size."), before our handler runs. The user needs the setting to change, so the status message of
/// such a trailers-only answer gets the limit and the setting's name appended.
/// </summary>
internal static class GrpcLimitMessages
{
    private const string StatusHeader = "grpc-status";
    private const string MessageHeader = "grpc-message";
    private const string ResourceExhausted = "8";

    private static readonly Func<object, Task> AppendSettingCallback = AppendSetting;

    /// <summary>Arranges for the answer to <paramref name="context"/> to name the limit if it is a size refusal.</summary>
    public static void Watch(HttpContext context, int maxMessageBytes) =>
        context.Response.OnStarting(AppendSettingCallback, (context, maxMessageBytes));

    private static Task AppendSetting(object state)
    {
        (HttpContext context, int maxMessageBytes) = ((HttpContext, int))state;
        IHeaderDictionary headers = context.Response.Headers;
        if (headers[StatusHeader] == ResourceExhausted)
        {
            // grpc-message is percent-encoded on the wire; this text is ASCII without '%', so it needs no encoding.
            string limit = maxMessageBytes.ToString(CultureInfo.InvariantCulture);
            headers[MessageHeader] = $"{headers[MessageHeader]} The sidecar's limit is {limit} bytes: raise the Sidecar:MaxMessageBytes setting to allow larger messages.";
        }

        return Task.CompletedTask;
    }
}
