using System.Globalization;
using System.Net;

namespace DurableAgents.Sidecar.Hosting;

/// <summary>Reads an endpoint setting such as <c>127.0.0.1:4001</c>, <c>http://localhost:8080</c>, <c>[::1]:4001</c> or <c>*:4001</c>.</summary>
internal static class EndpointParser
{
    public static IPEndPoint Parse(string? value, string settingName)
    {
        string text = value?.Trim() ?? string.Empty;
        if (text.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            text = text["http://".Length..].TrimEnd('/');
        }

        int colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw Invalid(value, settingName, "it has no port");
        }

        string host = text[..colon];
        if (!int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) || port > IPEndPoint.MaxPort)
        {
            throw Invalid(value, settingName, "the port is not a number from 0 to 65535");
        }

        IPAddress address = host switch
        {
            "*" or "+" or "0.0.0.0" => IPAddress.Any,
            "[::]" => IPAddress.IPv6Any,
            _ when host.Equals("localhost", StringComparison.OrdinalIgnoreCase) => IPAddress.Loopback,
            _ when IPAddress.TryParse(host.Trim('[', ']'), out IPAddress? parsed) => parsed,
            _ => throw Invalid(value, settingName, $"'{host}' is not an IP address, 'localhost' or '*'"),
        };
        return new IPEndPoint(address, port);
    }

    private static InvalidOperationException Invalid(string? value, string settingName, string reason) => new(
        $"The setting {settingName} = '{value}' cannot be used: {reason}. Write it as host:port with an IP address, 'localhost' or '*', e.g. 127.0.0.1:4001 (port 0 lets the OS choose).");
}
