using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.Management.Http;

/// <summary>
/// Requires the configured API key (header <c>x-api-key</c>, or <c>Authorization: Bearer</c>) on every management
/// route when one is configured. Keys are compared as SHA-256 digests in constant time, so neither the content nor
/// the length of the key leaks through timing.
/// </summary>
internal sealed class ApiKeyEndpointFilter : IEndpointFilter
{
    public const string HeaderName = "x-api-key";

    private readonly byte[]? _expectedDigest;
    private readonly ILogger<ApiKeyEndpointFilter> _logger;

    public ApiKeyEndpointFilter(IOptions<ManagementApiOptions> options, ILogger<ApiKeyEndpointFilter> logger)
    {
        string? key = options.Value.ApiKey;
        _expectedDigest = string.IsNullOrEmpty(key) ? null : Digest(key);
        _logger = logger;
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expectedDigest is null)
        {
            return next(context);
        }

        HttpContext http = context.HttpContext;
        string? presented = PresentedKey(http.Request);
        if (presented is not null && CryptographicOperations.FixedTimeEquals(Digest(presented), _expectedDigest))
        {
            return next(context);
        }

        string reason = presented is null ? "no API key was presented" : "the API key does not match";
        Logs.ApiKeyRejected(_logger, http.Request.Method, http.Request.Path, reason);
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return ValueTask.FromResult<object?>(Problems.Create(http, StatusCodes.Status401Unauthorized, "unauthorized", "Unauthorized",
            $"This API requires an API key and {reason}. Send it in the '{HeaderName}' header or as 'Authorization: Bearer <key>'."));
    }

    private static string? PresentedKey(HttpRequest request)
    {
        string? header = request.Headers[HeaderName];
        if (!string.IsNullOrEmpty(header))
        {
            return header;
        }

        string? authorization = request.Headers.Authorization;
        const string bearer = "Bearer ";
        return authorization is not null && authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase)
            ? authorization[bearer.Length..].Trim()
            : null;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
