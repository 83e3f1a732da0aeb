namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>Files of the repository the tests were built from (found by walking up to DurableAgents.sln).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        DirectoryInfo? directory = new(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "DurableAgents.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("DurableAgents.sln not found above " + AppContext.BaseDirectory);
    }
}
