using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The GPU file adds a nested class <c>Gpu</c> to every network, so in a compilation referencing ILGPU and NetGen.Gpu
/// (and only there) a user member or class named <c>Gpu</c> is reported as NG0024 instead of breaking the generated
/// file with CS0102 or CS0542.
/// </summary>
public sealed class GpuNameReservationTests
{
    public static TheoryData<string, string> Clashes() => new()
    {
        { "public partial class Net { public int Gpu => 1; }", "Gpu" },
        { "public partial class Net { public void Gpu(int device) { } }", "Gpu" },
        { "public partial class Net { public float Gpu = 0f; }", "Gpu" },
        { "public partial class Net { public sealed class Gpu { } }", "Gpu" },
        { "public partial class Gpu { }", "Network(Loss = Loss.MSE)" }, // a class cannot have a nested class of its own name
    };

    [Theory]
    [MemberData(nameof(Clashes))]
    public void WithTheGpuBackEnd_AMemberNamedGpu_IsNG0024_AndNothingIsGenerated(string declaration, string span)
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), CompilationHelper.CreateWithGpu(Network(declaration)));

        DiagnosticAssert.Exactly(run.GeneratorDiagnostics, ("NG0024", span));
        Diagnostic diagnostic = run.GeneratorDiagnostics.Single();
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains("'Gpu'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.Empty(run.GeneratedSources);
        // Only NG0024: no compiler error from a generated file.
        Assert.DoesNotContain(run.OutputDiagnostics, d => d.Severity == DiagnosticSeverity.Error && run.IsInGeneratedFile(d));
    }

    [Fact]
    public void TheMessage_NamesNetGenGpu_AndTheGeneratedClass()
    {
        GeneratorRun run = GeneratorHarness.Run(
            GeneratorHarness.CreateDriver(), CompilationHelper.CreateWithGpu(Network("public partial class Net { public int Gpu => 1; }")));

        Assert.Equal(
            "The member 'Gpu' conflicts with the code NetGen generates for 'Net'; the project references NetGen.Gpu, whose generated class 'Net.Gpu' has this name; rename or remove it",
            run.GeneratorDiagnostics.Single().GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [MemberData(nameof(Clashes))]
    public void WithoutTheGpuBackEnd_GpuIsAnOrdinaryName(string declaration, string span)
    {
        _ = span;
        GeneratorRun run = GeneratorHarness.Run(Network(declaration)); // asserts no diagnostic and a clean compilation

        Assert.Single(run.GeneratedSources);
        Assert.EndsWith(".Cpu.g.cs", run.GeneratedSources[0].HintName, StringComparison.Ordinal);
    }

    [Fact]
    public void AGenericNestedTypeNamedGpu_DoesNotClash()
    {
        // Types of different arity may share a name: Net.Gpu<T> and the generated Net.Gpu coexist.
        GeneratorRun run = GeneratorHarness.RunWithGpu(Network("public partial class Net { public sealed class Gpu<T> { } }"));

        Assert.Equal(2, run.GeneratedSources.Length);
        Assert.NotNull(run.Output.GetTypeByMetadataName("Net+Gpu"));
        Assert.NotNull(run.Output.GetTypeByMetadataName("Net+Gpu`1"));
    }

    [Fact]
    public void ReferencesAddedThenRemoved_TheReservationFollows()
    {
        CSharpCompilation cpu = CompilationHelper.Create(Network("public partial class Net { public int Gpu => 1; }"));
        GeneratorRun first = GeneratorHarness.AssertClean(GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), cpu));
        GeneratorRun added = GeneratorHarness.Run(first.Driver, cpu.WithReferences(CompilationHelper.GpuReferences));
        GeneratorRun removed = GeneratorHarness.AssertClean(GeneratorHarness.Run(added.Driver, cpu));

        Assert.Single(first.GeneratedSources);
        DiagnosticAssert.Exactly(added.GeneratorDiagnostics, ("NG0024", "Gpu"));
        Assert.Empty(added.GeneratedSources);
        Assert.Single(removed.GeneratedSources);
    }

    private static string Network(string declaration) => $$"""
        using NetGen;

        [Network(Loss = Loss.MSE)]
        [Input(2)]
        [Dense(1)]
        {{declaration}}
        """;
}
