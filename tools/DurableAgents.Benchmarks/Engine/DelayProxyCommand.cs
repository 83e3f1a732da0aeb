using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// <c>delay-proxy --target URL --listen HOST:PORT --delay-ms N</c>: an HTTP proxy that holds each request for N ms
/// before it forwards it to the target. Put in front of DynamoDB Local (which answers in well under a millisecond on
/// loopback), it gives each call the round trip a sidecar has to the real service, so the workloads' <c>--dynamodb</c>
/// figures show what a store bound by round trips does, not only what DynamoDB Local's CPU allows.
/// </summary>
public sealed class DelayProxyCommand : IBenchmarkWorkload
{
    // The headers HttpClient sets itself from the content or the connection; everything else (SigV4's Authorization,
    // X-Amz-Date, X-Amz-Target) passes through unchanged.
    private static readonly HashSet<string> ConnectionHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Connection", "Transfer-Encoding", "Keep-Alive", "Expect",
    };

    /// <inheritdoc/>
    public string Name => "delay-proxy";

    /// <inheritdoc/>
    public string Description => "(tool) an HTTP proxy adding a fixed delay to each request, e.g. in front of DynamoDB Local: --target URL --listen HOST:PORT --delay-ms N";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var target = new Uri(CommandLine.Required(args, "--target", Name));
        string listen = CommandLine.Required(args, "--listen", Name);
        var delay = TimeSpan.FromMilliseconds(int.Parse(CommandLine.Required(args, "--delay-ms", Name), CultureInfo.InvariantCulture));

        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://" + listen);
        await using WebApplication app = builder.Build();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = target };

        app.Run(async context =>
        {
            await Task.Delay(delay, context.RequestAborted);
            using var forwarded = new HttpRequestMessage(new HttpMethod(context.Request.Method), context.Request.Path + context.Request.QueryString);
            var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            forwarded.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } contentType)
            {
                forwarded.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            foreach ((string name, Microsoft.Extensions.Primitives.StringValues values) in context.Request.Headers)
            {
                if (!ConnectionHeaders.Contains(name))
                {
                    forwarded.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values!);
                }
            }

            using HttpResponseMessage response = await client.SendAsync(forwarded, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach ((string name, IEnumerable<string> values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!ConnectionHeaders.Contains(name) || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });

        await app.StartAsync();
        Console.WriteLine($"delay-proxy: http://{listen} -> {target} with {delay.TotalMilliseconds} ms per request; Ctrl+C stops it");
        await app.WaitForShutdownAsync();
        return 0;
    }
}
