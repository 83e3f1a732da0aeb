using Microsoft.Extensions.Logging;

namespace DurableAgents.Conformance.Tests.Infrastructure;

/// <summary>Quiet by default; set DURABLEAGENTS_TEST_LOGS=1 to see the sidecar's and worker's logs on the console when diagnosing a failure.</summary>
internal static class TestLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("DURABLEAGENTS_TEST_LOGS") == "1")
        {
            logging.AddSimpleConsole(o =>
            {
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.SingleLine = true;
            })
                .SetMinimumLevel(LogLevel.Debug)
                .AddFilter("Microsoft", LogLevel.Warning)
                .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        }
    }
}
