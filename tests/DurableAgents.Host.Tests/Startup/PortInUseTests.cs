using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests.Startup;

/// <summary>
/// A host started on a port another process listens on says so in one line, exits non-zero and changes nothing: the
/// endpoints are checked before the engine opens (or creates) the database.
/// </summary>
public sealed class PortInUseTests
{
    [Fact]
    public async Task HostProcess_HttpPortInUse_PrintsOneLineNamingPortAndSettingAndCreatesNoDatabase()
    {
        using var workingDirectory = new TempDirectory("host-port-in-use");
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        string busy = Port(occupant);
        string grpc = FreePorts.Reserve(1)[0].ToString(CultureInfo.InvariantCulture);

        // The shipped settings otherwise: the database would be data/durableagents.db under the working directory.
        ProcessResult result = await HostProcess.RunAsync(
            workingDirectory.Path, $"--Sidecar:GrpcEndpoint=127.0.0.1:{grpc}", $"--Sidecar:HttpEndpoint=127.0.0.1:{busy}");

        Assert.True(result.ExitCode == HostExitCodes.CannotStart, result.ToString());
        Assert.True(result.Output.Length == 0, result.ToString());
        string line = Assert.Single(Lines(result.Error));
        Assert.Contains($"port {busy}", line, StringComparison.Ordinal);
        Assert.Contains("Sidecar:HttpEndpoint", line, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(workingDirectory.Path));
    }

    [Fact]
    public async Task Run_GrpcPortInUse_ExitsNonZeroNamingGrpcSettingWithoutCreatingDatabase()
    {
        using var directory = new TempDirectory("host-port-in-use");
        string database = Path.Combine(directory.Path, "data", "taskhub.db");
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        string busy = Port(occupant);
        string http = FreePorts.Reserve(1)[0].ToString(CultureInfo.InvariantCulture);

        (int exitCode, string output, string error) = await RunInProcessAsync(
            $"--Sidecar:GrpcEndpoint=127.0.0.1:{busy}", $"--Sidecar:HttpEndpoint=127.0.0.1:{http}", $"--TaskHub:Sqlite:DataSource={database}");

        Assert.Equal(HostExitCodes.CannotStart, exitCode);
        Assert.Empty(output);
        string line = Assert.Single(Lines(error));
        Assert.Contains($"port {busy}", line, StringComparison.Ordinal);
        Assert.Contains("Sidecar:GrpcEndpoint", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(database)), "the database folder was created");
    }

    [Fact]
    public async Task Run_PortInUseWithExistingDatabase_LeavesEveryFileAsItWas()
    {
        using var setup = new HostSetup();
        await using (RunningHost first = await setup.StartAsync())
        {
            // An instance that is still waiting is what a start would recover.
            await first.Api.StartInstanceAsync(Workflows.Research.ResearchAssistantWorkflow.OrchestratorName, new { topic = "tides", audience = "sailors" });
        }

        IReadOnlyDictionary<string, string> before = Snapshot(Path.GetDirectoryName(setup.DatabasePath)!);
        using var occupant = new TcpListener(IPEndPoint.Parse(setup.HttpEndpoint));
        occupant.Start();

        (int exitCode, _, string error) = await RunInProcessAsync(setup.Arguments());

        Assert.Equal(HostExitCodes.CannotStart, exitCode);
        Assert.Contains("Sidecar:HttpEndpoint", Assert.Single(Lines(error)), StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(Path.GetDirectoryName(setup.DatabasePath)!));
    }

    [Fact]
    public async Task Run_BothEndpointsOnOnePort_ExitsNonZeroNamingHttpSetting()
    {
        using var directory = new TempDirectory("host-port-in-use");
        string port = FreePorts.Reserve(1)[0].ToString(CultureInfo.InvariantCulture);

        (int exitCode, _, string error) = await RunInProcessAsync(
            $"--Sidecar:GrpcEndpoint=127.0.0.1:{port}", $"--Sidecar:HttpEndpoint=127.0.0.1:{port}", $"--TaskHub:Sqlite:DataSource={directory.File("taskhub.db")}");

        Assert.Equal(HostExitCodes.CannotStart, exitCode);
        string line = Assert.Single(Lines(error));
        Assert.Contains($"port {port}", line, StringComparison.Ordinal);
        Assert.Contains("Sidecar:HttpEndpoint", line, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.File("taskhub.db")));
    }

    [Fact]
    public async Task Run_EndpointNotHostAndPort_ExitsNonZeroNamingSetting()
    {
        using var directory = new TempDirectory("host-bad-endpoint");

        (int exitCode, _, string error) = await RunInProcessAsync(
            "--Sidecar:GrpcEndpoint=127.0.0.1:0", "--Sidecar:HttpEndpoint=sidecar.example", $"--TaskHub:Sqlite:DataSource={directory.File("taskhub.db")}");

        Assert.Equal(HostExitCodes.CannotStart, exitCode);
        string line = Assert.Single(Lines(error));
        Assert.Contains("Sidecar:HttpEndpoint", line, StringComparison.Ordinal);
        Assert.Contains("it has no port", line, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.File("taskhub.db")));
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunInProcessAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = await HostProgram.RunAsync(args, output, error, Deadline.Token());
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string Port(TcpListener listener) => ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Every file under <paramref name="folder"/> with a hash of its bytes.</summary>
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            file => Path.GetRelativePath(folder, file),
            file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))));
}
