using System.Reflection;
using System.Text.RegularExpressions;
using DurableAgents.Host.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Host.Tests.Logging;

/// <summary>
/// Log event ids identify a message across the whole system (log queries, alerts), so every assembly has its own range,
/// documented in the top README's "Log event ids" table, and no two messages share an id.
/// </summary>
public sealed partial class LogEventIdTests
{
    private static readonly string[] SourceFolders = ["src", "workflows", "tools"];

    [Fact]
    public void LogMessages_EveryEventId_LiesInItsAssemblysDocumentedRangeAndNoneCollide()
    {
        IReadOnlyList<DocumentedEventIdRange> ranges = DocumentedEventIdRange.Read(RepositoryFiles.Path("README.md"));
        var problems = new List<string>();
        foreach (DocumentedEventIdRange range in ranges)
        {
            problems.AddRange(ranges.Where(other => other != range && other.Overlaps(range)).Select(other => $"The documented ranges {range} and {other} overlap."));
        }

        var owners = new Dictionary<int, string>();
        int checkedMessages = 0;
        foreach (Assembly assembly in ShippedAssemblies())
        {
            string name = assembly.GetName().Name!;
            List<(string Method, int EventId)> messages = LogMessages(assembly).ToList();
            if (messages.Count == 0)
            {
                continue;
            }

            DocumentedEventIdRange? range = ranges.FirstOrDefault(r => r.Assembly == name);
            if (range is null)
            {
                problems.Add($"{name} has [LoggerMessage] methods but no row in the README's '{DocumentedEventIdRange.Heading}' table: add one with a free range.");
                continue;
            }

            foreach ((string method, int eventId) in messages)
            {
                checkedMessages++;
                if (eventId <= 0)
                {
                    problems.Add($"{method} has no explicit event id; give it one in {range}.");
                }
                else if (!range.Contains(eventId))
                {
                    problems.Add($"{method} uses event id {eventId}, outside {range}.");
                }

                if (eventId > 0 && !owners.TryAdd(eventId, method))
                {
                    problems.Add($"{method} and {owners[eventId]} both use event id {eventId}.");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        // The check above looked at real messages (the engine alone has more than ten).
        Assert.True(checkedMessages > 40, $"only {checkedMessages} log messages were found");
    }

    [Fact]
    public void LogMessages_EveryProjectWithLogMessages_IsLoadedByTheEventIdCheck()
    {
        HashSet<string> loaded = ShippedAssemblies().Select(a => a.GetName().Name!).ToHashSet(StringComparer.Ordinal);
        string[] projectsWithLogs = SourceFolders
            .SelectMany(folder => Directory.EnumerateFiles(RepositoryFiles.Path(folder), "*.csproj", SearchOption.AllDirectories))
            .Where(HasLogMessages)
            .Select(AssemblyNameOf)
            .ToArray();

        Assert.NotEmpty(projectsWithLogs);
        // A missing one needs a ProjectReference in this test project, so its messages are checked above.
        Assert.All(projectsWithLogs, name => Assert.Contains(name, loaded));
    }

    /// <summary>The DurableAgents assemblies built next to the tests, without the test projects themselves.</summary>
    private static IEnumerable<Assembly> ShippedAssemblies() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "DurableAgents.*.dll")
            .Select(file => AssemblyName.GetAssemblyName(file))
            .Where(name => !name.Name!.EndsWith(".Tests", StringComparison.Ordinal) && name.Name != "DurableAgents.TestSupport")
            .Select(Assembly.Load);

    private static IEnumerable<(string Method, int EventId)> LogMessages(Assembly assembly)
    {
        const BindingFlags everyMethod = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        foreach (Type type in assembly.GetTypes())
        {
            foreach (MethodInfo method in type.GetMethods(everyMethod))
            {
                if (method.GetCustomAttribute<LoggerMessageAttribute>() is { } message)
                {
                    yield return ($"{assembly.GetName().Name}: {type.FullName}.{method.Name}", message.EventId);
                }
            }
        }
    }

    private static bool HasLogMessages(string projectFile) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(projectFile)!, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file))
            .Any(file => File.ReadAllText(file).Contains("[LoggerMessage", StringComparison.Ordinal));

    private static bool IsBuildOutput(string file) =>
        file.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static string AssemblyNameOf(string projectFile) =>
        AssemblyNameElement().Match(File.ReadAllText(projectFile)) is { Success: true } match
            ? match.Groups[1].Value
            : Path.GetFileNameWithoutExtension(projectFile);

    [GeneratedRegex(@"<AssemblyName>\s*([^<\s]+)\s*</AssemblyName>")]
    private static partial Regex AssemblyNameElement();
}
