using Microsoft.Extensions.Logging;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>Child processes log warnings and errors to standard error; standard output carries <see cref="ChildProtocol"/>.</summary>
internal static class ChildLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(Environment.GetEnvironmentVariable("DURABLEAGENTS_BENCH_LOGS") == "1" ? LogLevel.Debug : LogLevel.Warning);
        logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ");
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // As in the sidecar's own logging setup: while this category is enabled, Kestrel creates a diagnostics Activity
        // for every request (and gRPC tags it), work no production sidecar does.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
    }
}
