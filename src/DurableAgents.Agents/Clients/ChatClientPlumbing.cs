using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>
/// The <see cref="IChatClient"/> members every client here implements the same way: whole-answer streaming and
/// service lookup. Each client forwards to these so it keeps only its provider-specific parts.
/// </summary>
internal static class ChatClientPlumbing
{
    /// <summary>
    /// Streams a complete answer as updates once it has arrived. The call starts when enumeration starts, and the
    /// enumeration's cancellation token reaches it.
    /// </summary>
    public static async IAsyncEnumerable<ChatResponseUpdate> StreamWholeResponseAsync(
        Func<CancellationToken, Task<ChatResponse>> getResponse,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ChatResponse response = await getResponse(cancellationToken).ConfigureAwait(false);
        foreach (ChatResponseUpdate update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <summary>Answers <see cref="IChatClient.GetService"/>: the metadata, the client itself, or null (keyed lookups included).</summary>
    public static object? GetService(IChatClient client, ChatClientMetadata metadata, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return metadata;
        }

        return serviceType.IsInstanceOfType(client) ? client : null;
    }
}
