using Microsoft.Extensions.Logging;

namespace DurableAgents.TestSupport;

/// <summary>Quiet by default; set DURABLEAGENTS_TEST_LOGS=1 to see the sidecar's and worker's logs on the console when diagnosing a failure.</summary>
public static class TestLogging
{
    /// <summary>Clears the providers; with DURABLEAGENTS_TEST_LOGS=1 adds a single-line console logger at Debug.</summary>
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
