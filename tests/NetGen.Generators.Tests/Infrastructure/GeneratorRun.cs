using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generators.Model;

namespace NetGen.Generators.Tests.Infrastructure;

/// <summary>One run of <see cref="NetworkGenerator"/>: its input, the updated compilation and what the driver saw.</summary>
internal sealed class GeneratorRun(
    CSharpCompilation input, Compilation output, ImmutableArray<Diagnostic> driverDiagnostics, GeneratorDriver driver)
{
    private ImmutableArray<Diagnostic>? _outputDiagnostics;

    /// <summary>The compilation the generator ran on.</summary>
    public CSharpCompilation Input { get; } = input;

    /// <summary>The input plus every generated file.</summary>
    public Compilation Output { get; } = output;

    /// <summary>The driver after the run; run it again to observe incremental caching.</summary>
    public GeneratorDriver Driver { get; } = driver;

    public GeneratorDriverRunResult Result { get; } = driver.GetRunResult();

    /// <summary>The single generator's result (its sources, diagnostics, exception and tracked steps).</summary>
    public GeneratorRunResult Generator => Result.Results.Single();

    /// <summary>What NetGen reported (NGxxxx).</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Result.Diagnostics;

    /// <summary>What the driver reported while updating the compilation: NetGen's diagnostics, plus CS8784/CS8785
    /// when a generator throws.</summary>
    public ImmutableArray<Diagnostic> DriverDiagnostics { get; } = driverDiagnostics;

    public ImmutableArray<GeneratedSourceResult> GeneratedSources => Generator.GeneratedSources;

    /// <summary>Every diagnostic of the updated compilation: the user's code and the generated files.</summary>
    public ImmutableArray<Diagnostic> OutputDiagnostics => _outputDiagnostics ??= Output.GetDiagnostics();

    /// <summary>The text of the generated file <paramref name="hintName"/>.</summary>
    public string Source(string hintName)
    {
        GeneratedSourceResult[] matches = GeneratedSources.Where(s => s.HintName == hintName).ToArray();
        if (matches.Length != 1)
        {
            throw new InvalidOperationException(
                $"Expected one generated file '{hintName}'; generated: {string.Join(", ", GeneratedSources.Select(s => s.HintName))}.");
        }

        return matches[0].SourceText.ToString();
    }

    /// <summary>The specs the <see cref="StepNames.NetworkSpec"/> step produced (needs a driver tracking steps).</summary>
    public NetworkSpec[] TrackedSpecs() =>
        Generator.TrackedSteps.TryGetValue(StepNames.NetworkSpec, out ImmutableArray<IncrementalGeneratorRunStep> steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => o.Value).OfType<NetworkSpec>().ToArray()
            : throw new InvalidOperationException($"No step named {StepNames.NetworkSpec}; create the driver with trackSteps.");

    /// <summary>True when <paramref name="diagnostic"/> lies inside a file the generator added.</summary>
    public bool IsInGeneratedFile(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree is { } tree && Result.GeneratedTrees.Contains(tree);
}
