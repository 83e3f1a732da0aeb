namespace DurableAgents.Benchmarks.Engine;

/// <summary>The <c>dotnet</c> executable that runs this process, used to start child processes from built assemblies.</summary>
internal static class DotnetHost
{
    public static string Path
    {
        get
        {
            string? current = Environment.ProcessPath;
            return current is not null && System.IO.Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }
    }
}
