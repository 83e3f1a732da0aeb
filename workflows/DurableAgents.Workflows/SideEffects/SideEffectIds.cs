using System.Security.Cryptography;
using System.Text;

namespace DurableAgents.Workflows.SideEffects;

/// <summary>
/// Ids for things side effects create, derived from the idempotency key: every delivery of one call names the same
/// ticket or report, even before the ledger is consulted.
/// </summary>
public static class SideEffectIds
{
    /// <summary><paramref name="prefix"/> followed by 12 hex digits of the key's SHA-256, e.g. TCK-1a2b3c4d5e6f.</summary>
    public static string From(string prefix, string idempotencyKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey));
        return prefix + "-" + Convert.ToHexStringLower(hash, 0, 6);
    }
}
