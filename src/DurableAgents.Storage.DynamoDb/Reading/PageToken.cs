using System.Buffers.Text;
using System.Text;

namespace DurableAgents.Storage.DynamoDb.Reading;

/// <summary>The position after a page's last row: its ByCreated sort key (created ticks, '#', instance id), base64url-encoded.</summary>
internal static class PageToken
{
    private const string Marker = "ddb1:";

    public static string Encode(string createdSortKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Marker + createdSortKey));

    public static string? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            string text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            if (text.StartsWith(Marker, StringComparison.Ordinal) && text.IndexOf('#', Marker.Length) == Marker.Length + 19)
            {
                return text[Marker.Length..];
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
