using System.Globalization;
using Microsoft.AspNetCore.Builder;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// What stays the same across restarts of the all-in-one host: its two loopback ports, its SQLite file, its side-effect
/// ledger file and its settings. Every <see cref="StartAsync"/> builds a new host on them, as a restarted process would.
/// </summary>
internal sealed class HostSetup : IDisposable
{
    private readonly TempDirectory _directory = new();

    public HostSetup()
    {
        // The worker's address is derived from Sidecar:GrpcEndpoint, so the ports are chosen before the host starts.
        int[] ports = FreePorts.Reserve(2);
        GrpcEndpoint = "127.0.0.1:" + ports[0].ToString(CultureInfo.InvariantCulture);
        HttpEndpoint = "127.0.0.1:" + ports[1].ToString(CultureInfo.InvariantCulture);
    }

    public string GrpcEndpoint { get; }

    public string HttpEndpoint { get; }

    public Uri HttpAddress => new("http://" + HttpEndpoint + "/");

    public Uri GrpcAddress => new("http://" + GrpcEndpoint);

    public string DatabasePath => _directory.File("taskhub.db");

    public string LedgerPath => _directory.File("side-effects.jsonl");

    /// <summary>When set, the host requires it (Sidecar:ApiKey) and the test clients send it.</summary>
    public string? ApiKey { get; init; }

    /// <summary>More configuration values, laid over appsettings.json ("Agents:Provider" = "Bedrock").</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Changes the application builder before the host's worker services are added (passed to BuildAllInOne).</summary>
    public Action<WebApplicationBuilder>? Configure { get; init; }

    /// <summary>The command line the host is started with.</summary>
    public string[] Arguments()
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Sidecar:GrpcEndpoint"] = GrpcEndpoint,
            ["Sidecar:HttpEndpoint"] = HttpEndpoint,
            ["TaskHub:Sqlite:DataSource"] = DatabasePath,
            ["Workflows:LedgerPath"] = LedgerPath,

            // Test output stays readable; warnings and errors still show.
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Serilog:MinimumLevel:Override:DurableAgents.TaskHub"] = "Warning",
        };
        if (ApiKey is not null)
        {
            settings["Sidecar:ApiKey"] = ApiKey;
        }

        foreach ((string key, string value) in Settings)
        {
            settings[key] = value;
        }

        return settings.Select(s => $"--{s.Key}={s.Value}").ToArray();
    }

    public Task<RunningHost> StartAsync() => RunningHost.StartAsync(this);

    /// <summary>The side-effect ledger's entries as the file holds them (complete lines only).</summary>
    public IReadOnlyList<Workflows.SideEffects.LedgerEntry> ReadLedger() => LedgerFile.Read(LedgerPath);

    public void Dispose() => _directory.Dispose();
}
