using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace DurableAgents.Agents;

/// <summary>
/// Signs an HTTP request with AWS Signature Version 4. The key derivation and signature come from
/// AWSSDK.Core's <see cref="AWS4Signer"/>; this class builds the canonical request from exactly the bytes,
/// path and headers the request will carry, so the request goes out as it was signed.
/// </summary>
internal static class SigV4RequestSigner
{
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    /// <summary>
    /// Adds Host, X-Amz-Date, X-Amz-Content-Sha256, X-Amz-Security-Token (when a session token is present) and
    /// Authorization. Every header already on the request that is listed in <paramref name="headersToSign"/> is
    /// signed as well.
    /// </summary>
    public static void Sign(
        HttpRequestMessage request,
        byte[] body,
        string contentType,
        ImmutableCredentials credentials,
        string region,
        string service,
        DateTime utcNow,
        IEnumerable<string> headersToSign)
    {
        Uri uri = request.RequestUri ?? throw new InvalidOperationException("The request has no URI to sign.");
        DateTime signedAt = new(utcNow.Ticks - (utcNow.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        string amzDate = signedAt.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
        string payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));

        // Host is set explicitly so that what HttpClient sends is the value that was signed.
        request.Headers.Host = uri.Authority;
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("X-Amz-Content-Sha256", payloadHash);
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Security-Token", credentials.Token);
        }

        var signed = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["content-type"] = contentType,
            ["host"] = uri.Authority,
            ["x-amz-content-sha256"] = payloadHash,
            ["x-amz-date"] = amzDate,
        };
        if (credentials.UseToken)
        {
            signed["x-amz-security-token"] = credentials.Token;
        }

        foreach (string name in headersToSign)
        {
            if (request.Headers.TryGetValues(name, out IEnumerable<string>? values))
            {
                signed[name.ToLowerInvariant()] = string.Join(",", values);
            }
        }

        string signedHeaders = string.Join(";", signed.Keys);
        string canonicalRequest = BuildCanonicalRequest(request.Method.Method, uri, signed, signedHeaders, payloadHash);
        AWS4SigningResult result = AWS4Signer.ComputeSignature(
            credentials, region, signedAt, service, signedHeaders, canonicalRequest);
        request.Headers.TryAddWithoutValidation("Authorization", result.ForAuthorizationHeader);
    }

    internal static string BuildCanonicalRequest(
        string method,
        Uri uri,
        IReadOnlyDictionary<string, string> sortedHeaders,
        string signedHeaders,
        string payloadHash)
    {
        var builder = new StringBuilder();
        builder.Append(method).Append('\n');
        builder.Append(CanonicalUri(uri.AbsolutePath)).Append('\n');
        builder.Append(CanonicalQuery(uri.Query)).Append('\n');
        foreach ((string name, string value) in sortedHeaders)
        {
            builder.Append(name).Append(':').Append(TrimAll(value)).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>
    /// The path as sent is already URI-encoded once (a ':' in a model id travels as %3A); SigV4 for every
    /// service except S3 encodes each segment again, so %3A becomes %253A in the canonical request.
    /// </summary>
    internal static string CanonicalUri(string encodedPath)
    {
        if (string.IsNullOrEmpty(encodedPath))
        {
            return "/";
        }

        return string.Join("/", encodedPath.Split('/').Select(Uri.EscapeDataString));
    }

    private static string CanonicalQuery(string query)
    {
        if (string.IsNullOrEmpty(query) || query == "?")
        {
            return string.Empty;
        }

        IEnumerable<(string Key, string Value)> pairs = query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                int equals = pair.IndexOf('=', StringComparison.Ordinal);
                string key = equals < 0 ? pair : pair[..equals];
                string value = equals < 0 ? string.Empty : pair[(equals + 1)..];
                return (Uri.EscapeDataString(Uri.UnescapeDataString(key)), Uri.EscapeDataString(Uri.UnescapeDataString(value)));
            })
            .OrderBy(p => p.Item1, StringComparer.Ordinal)
            .ThenBy(p => p.Item2, StringComparer.Ordinal);
        return string.Join("&", pairs.Select(p => p.Key + "=" + p.Value));
    }

    private static string TrimAll(string value) =>
        string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
