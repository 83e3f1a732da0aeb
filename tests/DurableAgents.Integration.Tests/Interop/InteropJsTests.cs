namespace DurableAgents.Integration.Tests.Interop;

/// <summary>The interop harness itself: a missing tool must fail with what to install, not a bare Win32 error.</summary>
public sealed class InteropJsTests
{
    [Fact]
    public void StartProcess_ExecutableNotOnPath_ThrowsWithWhatToInstall()
    {
        var info = InteropJs.StartInfo("durableagents-no-such-tool-" + Guid.NewGuid().ToString("N"), []);

        var error = Assert.Throws<InvalidOperationException>(() => InteropJs.StartProcess(info));

        Assert.Contains("Node.js", error.Message, StringComparison.Ordinal);
        Assert.Contains("npm", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Directory_FromTheTestAssembly_IsTheInteropPackageFolder()
    {
        Assert.True(File.Exists(Path.Combine(InteropJs.Directory, "package-lock.json")));
        Assert.True(File.Exists(Path.Combine(InteropJs.Directory, "run-js-worker.mjs")));
    }
}
