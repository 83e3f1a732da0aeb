using System.Security.Cryptography;
using System.Text;

namespace DurableAgents.TestSupport;

/// <summary>
/// An independent SigV4 implementation, written from the public specification, that checks requests the way
/// AWS does: it rebuilds the canonical request from what arrived on the wire (double-encoding each path segment
/// for non-S3 services), hashes the body itself, and recomputes the HMAC chain with the secret it knows.
/// </summary>
public static class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    public sealed record Outcome(bool IsValid, string? Error, string? AccessKey = null, string? Region = null, IReadOnlyList<string>? SignedHeaders = null);

    public static Outcome Verify(
        string method,
        string rawTarget,
        Func<string, string?> header,
        byte[] body,
        string expectedService,
        Func<string, string?> secretForAccessKey)
    {
        string? authorization = header("authorization");
        if (authorization is null || !authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return new Outcome(false, "Missing or non-SigV4 Authorization header.");
        }

        Dictionary<string, string> parts = authorization[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out string? credential)
            || !parts.TryGetValue("SignedHeaders", out string? signedHeaderList)
            || !parts.TryGetValue("Signature", out string? signature))
        {
            return new Outcome(false, "Authorization header lacks Credential, SignedHeaders or Signature.");
        }

        string[] scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return new Outcome(false, $"Malformed credential scope '{credential}'.");
        }

        (string accessKey, string date, string region, string service) = (scope[0], scope[1], scope[2], scope[3]);
        if (service != expectedService)
        {
            return new Outcome(false, $"Credential should be scoped to service '{expectedService}', not '{service}'.");
        }

        string? secret = secretForAccessKey(accessKey);
        if (secret is null)
        {
            return new Outcome(false, $"Unknown access key '{accessKey}'.");
        }

        string? amzDate = header("x-amz-date");
        if (amzDate is null || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return new Outcome(false, "X-Amz-Date is missing or does not match the credential scope date.");
        }

        string[] signedHeaders = signedHeaderList.Split(';');
        if (!signedHeaders.Contains("host") || !signedHeaders.SequenceEqual(signedHeaders.Order(StringComparer.Ordinal)))
        {
            return new Outcome(false, "SignedHeaders must include host and be sorted.");
        }

        string payloadHash = Hex(SHA256.HashData(body));
        string? declaredHash = header("x-amz-content-sha256");
        if (declaredHash is not null && declaredHash != payloadHash)
        {
            return new Outcome(false, "X-Amz-Content-Sha256 does not match the body.");
        }

        var canonical = new StringBuilder();
        int queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        string path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        canonical.Append(method).Append('\n');
        canonical.Append(CanonicalPath(path)).Append('\n');
        canonical.Append(queryStart < 0 ? string.Empty : CanonicalQuery(rawTarget[(queryStart + 1)..])).Append('\n');
        foreach (string name in signedHeaders)
        {
            string? value = header(name);
            if (value is null)
            {
                return new Outcome(false, $"Signed header '{name}' is not on the request.");
            }

            canonical.Append(name).Append(':').Append(CollapseSpaces(value.Trim())).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaderList).Append('\n').Append(payloadHash);
        string expected = ComputeSignature(secret, date, region, service, amzDate, canonical.ToString());
        bool valid = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
        return valid
            ? new Outcome(true, null, accessKey, region, signedHeaders)
            : new Outcome(false, "The request signature we calculated does not match the signature you provided.", accessKey, region, signedHeaders);
    }

    public static string ComputeSignature(string secret, string date, string region, string service, string amzDate, string canonicalRequest)
    {
        string stringToSign = string.Join('\n',
            Algorithm, amzDate, $"{date}/{region}/{service}/aws4_request", Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));
        byte[] key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        return Hex(Hmac(key, stringToSign));
    }

    /// <summary>AWS decodes the path once, then encodes each segment twice for the canonical request.</summary>
    public static string CanonicalPath(string rawPath) =>
        string.Join('/', rawPath.Split('/').Select(segment => Encode(Encode(PercentDecode(segment)))));

    private static string CanonicalQuery(string query) =>
        string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Encode(PercentDecode(p[0])), Value: Encode(PercentDecode(p.Length > 1 ? p[1] : string.Empty))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Key + "=" + p.Value));

    /// <summary>RFC 3986 encoding as SigV4 defines it: only A-Z a-z 0-9 - _ . ~ stay, hex digits upper case.</summary>
    private static string Encode(string value)
    {
        var builder = new StringBuilder();
        foreach (byte b in Encoding.UTF8.GetBytes(value))
        {
            char c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string PercentDecode(string value)
    {
        var bytes = new List<byte>();
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '%' && i + 2 < value.Length)
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(value[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (char c in value)
        {
            if (c != ' ' || builder.Length == 0 || builder[^1] != ' ')
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
}
