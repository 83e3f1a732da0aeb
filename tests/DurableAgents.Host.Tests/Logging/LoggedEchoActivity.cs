using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Host.Tests.Logging;

/// <summary>An activity that logs through the ILogger the worker's services give it, then echoes its input.</summary>
[DurableTask(Name)]
internal sealed class LoggedEchoActivity(ILogger<LoggedEchoActivity> logger) : TaskActivity<string, string>
{
    public const string Name = "LoggedEcho";

    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
#pragma warning disable CA1873 // A test activity: the line is what the test reads.
        logger.LogInformation("echoing {Text:l}", input);
#pragma warning restore CA1873
        return Task.FromResult("echo " + input);
    }
}
