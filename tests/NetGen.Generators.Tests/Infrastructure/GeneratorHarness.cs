using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace NetGen.Generators.Tests.Infrastructure;

/// <summary>
/// Runs <see cref="NetworkGenerator"/>. <see cref="Run(string[])"/> is the default: it fails unless the generator
/// reported nothing and the updated compilation has no warning or error. Tests of invalid networks opt out with
/// <see cref="RunAllowingDiagnostics"/>. Every path fails when the generator threw.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>A driver for <see cref="NetworkGenerator"/>, optionally recording each pipeline step's outputs;
    /// generated files are parsed with <paramref name="parseOptions"/> (default <see cref="CompilationHelper.ParseOptions"/>).</summary>
    public static GeneratorDriver CreateDriver(bool trackSteps = false, CSharpParseOptions? parseOptions = null) =>
        CSharpGeneratorDriver.Create(
            new ISourceGenerator[] { new NetworkGenerator().AsSourceGenerator() },
            parseOptions: parseOptions ?? CompilationHelper.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackSteps));

    /// <summary>Generates for <paramref name="sources"/> and asserts a clean result: no NetGen diagnostic, and
    /// no warning or error anywhere in the updated compilation.</summary>
    public static GeneratorRun Run(params string[] sources) => AssertClean(Run(CreateDriver(), CompilationHelper.Create(sources)));

    /// <summary>As <see cref="Run(string[])"/>, in a compilation that references ILGPU and NetGen.Gpu, so that the
    /// GPU file is generated too.</summary>
    public static GeneratorRun RunWithGpu(params string[] sources) =>
        AssertClean(Run(CreateDriver(), CompilationHelper.CreateWithGpu(sources)));

    /// <summary>Generates for <paramref name="sources"/> asserting only that the generator did not throw and that no
    /// generated file has a warning or error; the caller asserts the diagnostics.</summary>
    public static GeneratorRun RunAllowingDiagnostics(params string[] sources)
    {
        GeneratorRun run = Run(CreateDriver(), CompilationHelper.Create(sources));
        AssertNoProblemInGeneratedFiles(run);
        return run;
    }

    /// <summary>Runs <paramref name="driver"/> (a fresh one or one returned by an earlier run) on
    /// <paramref name="compilation"/>; asserts only that the generator did not throw.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(
            compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        var run = new GeneratorRun(compilation, output, driverDiagnostics, driver);
        Assert.True(
            run.Generator.Exception is null,
            $"The generator threw: {run.Generator.Exception}");
        // The driver's list is NetGen's diagnostics plus its own: CS8784/CS8785 when a generator threw.
        Diagnostic[] driverOnly = driverDiagnostics.Except(run.GeneratorDiagnostics).ToArray();
        Assert.True(
            driverOnly.Length == 0,
            "The generator driver reported:\n" + DiagnosticAssert.Describe(driverOnly));
        return run;
    }

    /// <summary>Fails unless the generator reported nothing and the updated compilation has no warning or error.</summary>
    public static GeneratorRun AssertClean(GeneratorRun run)
    {
        Assert.True(
            run.GeneratorDiagnostics.IsEmpty,
            "NetGen reported:\n" + DiagnosticAssert.Describe(run.GeneratorDiagnostics));
        DiagnosticAssert.NoWarningsOrErrors(run.OutputDiagnostics, "the updated compilation");
        return run;
    }

    /// <summary>Fails if a warning or error lies inside a generated file.</summary>
    public static void AssertNoProblemInGeneratedFiles(GeneratorRun run) =>
        DiagnosticAssert.NoWarningsOrErrors(run.OutputDiagnostics.Where(run.IsInGeneratedFile), "the generated files");
}
