using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.DurableTask;

namespace DurableAgents.Analyzers.Tests;

/// <summary>
/// Runs an official Durable Task analyzer over C# source that is compiled against this machine's
/// .NET runtime and the Microsoft.DurableTask.Abstractions assembly the tests themselves load,
/// so nothing is downloaded while the tests run.
/// </summary>
internal sealed class OrchestrationAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public OrchestrationAnalyzerTest(string source)
    {
        TestCode = source;
        // A reference set with no packages resolves to nothing; every reference comes from AdditionalReferences.
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(References.Value);
    }

    /// <summary>Further official analyzers to run over the same source alongside <typeparamref name="TAnalyzer"/>.</summary>
    public List<DiagnosticAnalyzer> AlsoRun { get; } = [];

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => base.GetDiagnosticAnalyzers().Concat(AlsoRun);

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        // The shared framework: the trusted platform assemblies that live beside System.Private.CoreLib.
        string frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        string trusted = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        var paths = new SortedSet<string>(
            trusted.Split(Path.PathSeparator).Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal)),
            StringComparer.Ordinal);

        // Microsoft.DurableTask.Abstractions and the assemblies its public surface refers to.
        Assembly abstractions = typeof(TaskOrchestrationContext).Assembly;
        paths.Add(abstractions.Location);
        foreach (AssemblyName name in abstractions.GetReferencedAssemblies())
        {
            string location = Assembly.Load(name).Location;
            if (!string.Equals(Path.GetDirectoryName(location), frameworkDirectory, StringComparison.Ordinal))
            {
                paths.Add(location);
            }
        }

        return [.. paths.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))];
    }
}
