using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Hosting;

namespace DurableAgents.Host;

/// <summary>What the host executable does with its command line: print help, run the worker only, or run everything.</summary>
public static class HostProgram
{
    /// <summary>Runs until the host stops (Ctrl+C) or <paramref name="cancellation"/> fires; returns the exit code (<see cref="HostExitCodes"/>).</summary>
    /// <param name="args">Settings as --Key=value, or --help.</param>
    /// <param name="output">Where --help goes (standard output).</param>
    /// <param name="error">Where a failed start is explained in one line (standard error).</param>
    /// <param name="cancellation">Stops the host.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (HostHelp.IsRequested(args))
        {
            HostHelp.Write(output, DurableAgentsHost.ReadConfiguration(HostHelp.Settings(args)));
            return HostExitCodes.Success;
        }

        if (DurableAgentsHost.ReadMode(args) == HostMode.Worker)
        {
            using IHost worker = DurableAgentsHost.BuildWorker(args);
            await worker.RunAsync(cancellation);
            return HostExitCodes.Success;
        }

        WebApplication app;
        try
        {
            app = DurableAgentsHost.BuildAllInOne(args);
        }
        catch (HostCannotStartException cannotStart)
        {
            await error.WriteLineAsync(cannotStart.Message);
            return HostExitCodes.CannotStart;
        }

        await using (app)
        {
            return await RunAllInOneAsync(app, error, cancellation);
        }
    }

    private static async Task<int> RunAllInOneAsync(WebApplication app, TextWriter error, CancellationToken cancellation)
    {
        try
        {
            await app.RunAsync(cancellation);
        }
        catch (IOException bindError) when (bindError.InnerException is AddressInUseException)
        {
            // Another process took the port between the check and the bind; the log above holds the details.
            await error.WriteLineAsync($"Cannot start: {bindError.Message} Choose other ports with Sidecar:GrpcEndpoint / Sidecar:HttpEndpoint.");
            return HostExitCodes.CannotStart;
        }

        return HostExitCodes.Success;
    }
}
