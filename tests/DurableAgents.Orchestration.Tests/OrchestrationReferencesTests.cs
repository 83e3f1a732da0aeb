using System.Reflection;
using System.Xml.Linq;
using DurableAgents.Approvals;

namespace DurableAgents.Orchestration.Tests;

/// <summary>
/// Agents and workflows build on DurableAgents.Orchestration, so whatever it references they reference too. It must
/// stay on Microsoft.DurableTask.Abstractions alone: never a store, the transport or an executor.
/// </summary>
public sealed class OrchestrationReferencesTests
{
    // What Microsoft.DurableTask.Abstractions 1.28 itself depends on; the assembly may reference these through it.
    private static readonly string[] AllowedAssemblies =
    [
        "Microsoft.DurableTask.Abstractions",
        "DurableTask.Core",
        "Microsoft.Bcl.AsyncInterfaces",
        "Microsoft.Extensions.DependencyInjection.Abstractions",
        "Microsoft.Extensions.Logging.Abstractions",
    ];

    [Fact]
    public void Assembly_references_only_the_runtime_and_Microsoft_DurableTask_Abstractions()
    {
        Assembly orchestration = typeof(ApprovalContextExtensions).Assembly;

        List<string> others = orchestration.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name is not ("System" or "netstandard") && !name.StartsWith("System.", StringComparison.Ordinal))
            .Where(name => !AllowedAssemblies.Contains(name, StringComparer.Ordinal))
            .ToList();

        Assert.True(others.Count == 0, $"DurableAgents.Orchestration references {string.Join(", ", others)}.");
        Assert.Contains(orchestration.GetReferencedAssemblies(), a => a.Name == "Microsoft.DurableTask.Abstractions");
    }

    [Fact]
    public void Project_file_has_no_project_reference_and_one_package_reference()
    {
        XDocument project = XDocument.Load(FindProjectFile());

        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Equal(
            ["Microsoft.DurableTask.Abstractions"],
            project.Descendants("PackageReference").Select(p => (string?)p.Attribute("Include")).ToList());
        Assert.Empty(project.Descendants("Reference"));
        Assert.Empty(project.Descendants("FrameworkReference"));
    }

    private static string FindProjectFile()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "src", "DurableAgents.Orchestration", "DurableAgents.Orchestration.csproj");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("src/DurableAgents.Orchestration/DurableAgents.Orchestration.csproj was not found above " + AppContext.BaseDirectory);
    }
}
