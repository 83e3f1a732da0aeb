using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace DurableAgents.Storage.Sqlite.Reading;

/// <summary>
/// The keyset position after the last row of a page: (created ticks, instance id). Rows created later, or at the
/// same tick with a greater id, come next, so paging is stable while instances are added or removed.
/// </summary>
internal readonly record struct ContinuationToken(long CreatedTicks, string InstanceId)
{
    public static ContinuationToken Start { get; } = new(long.MinValue, string.Empty);

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{CreatedTicks}:{InstanceId}")));

    public static ContinuationToken Parse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return Start;
        }

        try
        {
            string text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            int separator = text.IndexOf(':', StringComparison.Ordinal);
            if (separator > 0 &&
                long.TryParse(text.AsSpan(0, separator), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long ticks))
            {
                return new ContinuationToken(ticks, text[(separator + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new ArgumentException(
            "The continuation token was not issued by this store. Pass the token of the previous page unchanged, " +
            "or null to read the first page.",
            nameof(token));
    }
}
