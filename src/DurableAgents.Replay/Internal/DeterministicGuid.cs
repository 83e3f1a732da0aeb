using System.Security.Cryptography;
using System.Text;

namespace DurableAgents.Replay.Internal;

/// <summary>RFC 4122 name-based UUIDs, version 5 (SHA-1): the same namespace and name always give the same GUID.</summary>
internal static class DeterministicGuid
{
    /// <summary>
    /// The namespace of GUIDs handed out by <see cref="TaskOrchestrationContext.NewGuid"/>: the one the official
    /// worker (Microsoft.DurableTask.Worker) uses, so both executors make the same GUIDs.
    /// </summary>
    public static readonly Guid OrchestrationNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    /// <summary>Creates the version 5 UUID of <paramref name="name"/> in <paramref name="namespaceId"/>.</summary>
    public static Guid Create(Guid namespaceId, string name)
    {
        int nameLength = Encoding.UTF8.GetByteCount(name);
        byte[] buffer = new byte[16 + nameLength];
        namespaceId.TryWriteBytes(buffer, bigEndian: true, out _);
        Encoding.UTF8.GetBytes(name, buffer.AsSpan(16));

        Span<byte> hash = stackalloc byte[20];
#pragma warning disable CA5350 // RFC 4122 version 5 is defined over SHA-1; the hash names an id, it protects nothing.
        SHA1.HashData(buffer, hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }
}
