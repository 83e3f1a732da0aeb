using DurableAgents.Sidecar;
using DurableAgents.Storage.Sqlite;
using DurableAgents.Worker;
using Microsoft.Extensions.Configuration;

namespace DurableAgents.Host;

/// <summary>
/// <c>--help</c>: the settings that matter, with the values this command line would use, then exit. Everything else
/// on the command line is a setting (<c>--Key=value</c>), so help is the only switch.
/// </summary>
internal static class HostHelp
{
    private static readonly string[] Switches = ["--help", "-h", "-?", "/?", "/h"];

    private static readonly SidecarOptions SidecarDefaults = new();

    // Defaults are shown for keys the shipped appsettings.json leaves out.
    private static readonly (string Key, string? Default, string Meaning)[] Rows =
    [
        ("Host:Mode", nameof(HostMode.AllInOne), "AllInOne (sidecar + HTTP API + worker), or Worker (only the worker, against Worker:Address)"),
        ("Sidecar:GrpcEndpoint", SidecarDefaults.GrpcEndpoint, "where gRPC (the durabletask protocol) listens; port 0 lets the OS choose"),
        ("Sidecar:HttpEndpoint", SidecarDefaults.HttpEndpoint, "where the HTTP management API listens; empty turns it off"),
        ("Sidecar:ApiKey", null, "clients must send this key as x-api-key (or set DURABLEAGENTS_API_KEY)"),
        ("TaskHub:Store", "Sqlite", "Sqlite (one file, the default) or DynamoDb (settings under TaskHub:DynamoDb)"),
        ("TaskHub:DynamoDb:TablePrefix", "DurableAgents-", "DynamoDb store: the table is {TablePrefix}TaskHub"),
        ("TaskHub:DynamoDb:Region", null, "DynamoDb store: the AWS region (else AWS_REGION or the profile)"),
        ("TaskHub:DynamoDb:ServiceUrl", null, "DynamoDb store: an endpoint override, e.g. DynamoDB Local at http://127.0.0.1:8000"),
        ("TaskHub:DynamoDb:CreateTable", "True", "DynamoDb store: create the table (on-demand) when it is missing"),
        ("TaskHub:Sqlite:DataSource", SidecarWebApplicationBuilderExtensions.DefaultDataSource, "the SQLite database file, relative to the working directory"),
        ("TaskHub:Sqlite:Synchronous", nameof(SqliteSynchronousMode.Full), "Full (fsync every commit) or Normal (a power loss may undo the last commits)"),
        ("Worker:Executor", nameof(WorkerExecutor.DurableAgents), "DurableAgents (our replay executor) or Official (the official gRPC worker)"),
        ("Worker:Address", DurableAgentsWorkerOptions.DefaultAddress, "Worker mode: the sidecar's gRPC address"),
        ("Agents:Provider", null, "Offline (no cloud account), Bedrock or OpenAiCompatible"),
        ("Agents:Bedrock:Region", null, "Bedrock's region (else AWS_REGION)"),
        ("Agents:OpenAiCompatible:BaseUrl", null, "an OpenAI-compatible /v1 endpoint, e.g. http://127.0.0.1:4000/v1"),
        ("Workflows:LedgerPath", null, "the shipped workflows' side-effect ledger file"),
        ("OpenTelemetry:Enabled", "False", "true exports traces to OpenTelemetry:Endpoint (OTLP)"),
        ("OpenTelemetry:Endpoint", null, "the OTLP collector, e.g. http://127.0.0.1:4317 (Protocol Grpc) or :4318 (HttpProtobuf)"),
        ("Serilog:MinimumLevel:Default", null, "log level: Debug, Information, Warning, Error"),
    ];

    public static bool IsRequested(IReadOnlyList<string> args) => args.Any(IsSwitch);

    /// <summary>The arguments without the help switch, which the configuration's command-line reader would take for a key.</summary>
    public static string[] Settings(IEnumerable<string> args) => args.Where(arg => !IsSwitch(arg)).ToArray();

    private static bool IsSwitch(string arg) => Switches.Contains(arg, StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes the help; <paramref name="configuration"/> gives the values (appsettings.json, environment, command line).</summary>
    public static void Write(TextWriter output, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(configuration);
        output.WriteLine("DurableAgents host: the sidecar (gRPC, HTTP management API, SQLite) and a worker with the shipped workflows.");
        output.WriteLine();
        output.WriteLine("Usage: dotnet run --project workflows/DurableAgents.Host [-- --Key=value ...]");
        output.WriteLine("       Stop it with Ctrl+C. Exit code 2: it did not start (a port in use, a bad setting) and changed nothing.");
        output.WriteLine();
        output.WriteLine("Settings come from appsettings.json, then environment variables (Sidecar__HttpEndpoint=127.0.0.1:9090),");
        output.WriteLine("then the command line (--Sidecar:HttpEndpoint=127.0.0.1:9090). The values this command line would use:");
        output.WriteLine();
        int keyWidth = Rows.Max(s => s.Key.Length) + 2;
        string[] values = Rows.Select(s => Show(s.Key, s.Default, configuration)).ToArray();
        int valueWidth = values.Max(v => v.Length) + 2;
        for (int i = 0; i < Rows.Length; i++)
        {
            output.WriteLine($"  {Rows[i].Key.PadRight(keyWidth)}{values[i].PadRight(valueWidth)}{Rows[i].Meaning}");
        }

        output.WriteLine();
        output.WriteLine("Every other key of appsettings.json can be set the same way; README.md describes them.");
    }

    private static string Show(string key, string? defaultValue, IConfiguration configuration)
    {
        string? value = configuration[key];
        if (key == "Sidecar:ApiKey")
        {
            // Never print a secret; say only whether one is set, and where from.
            return !string.IsNullOrEmpty(value) ? "(set)"
                : !string.IsNullOrEmpty(configuration["DURABLEAGENTS_API_KEY"]) ? "(set by DURABLEAGENTS_API_KEY)"
                : "(none)";
        }

        return value is null ? defaultValue ?? "(not set)" : value.Length == 0 ? "(empty)" : value;
    }
}
