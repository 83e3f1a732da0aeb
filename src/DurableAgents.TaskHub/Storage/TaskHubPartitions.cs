using System.Text;

namespace DurableAgents.TaskHub.Storage;

/// <summary>Which partition an instance belongs to in a shared (partitioned) task hub.</summary>
public static class TaskHubPartitions
{
    /// <summary>
    /// The partition of <paramref name="instanceId"/>: FNV-1a (32 bit) over the id's UTF-8 bytes, modulo
    /// <paramref name="partitionCount"/>. Stable across processes and versions: stores persist partition numbers.
    /// </summary>
    public static int Of(string instanceId, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        uint hash = 2166136261;
        Span<byte> buffer = instanceId.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(instanceId.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(instanceId.Length)];
        int length = Encoding.UTF8.GetBytes(instanceId, buffer);
        foreach (byte b in buffer[..length])
        {
            hash = unchecked((hash ^ b) * 16777619);
        }

        return (int)(hash % (uint)partitionCount);
    }
}
