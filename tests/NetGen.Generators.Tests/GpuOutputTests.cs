using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// When the GPU file is written: only in a compilation that references both ILGPU and NetGen.Gpu, and following the
/// references when they change between runs; and that the GPU output is cached like the CPU one.
/// </summary>
public sealed class GpuOutputTests
{
    private const string Path = "Source0.cs";

    private const string Source = """
        using NetGen;

        namespace Demo;

        public static class Helpers
        {
            public static int Twice(int x) => x * 2;
        }

        [Network(Loss = Loss.CrossEntropy)]
        [Input(784)]
        [Dense(128, Activation.ReLU)]
        [Dense(10)]
        public partial class MnistMlp { }
        """;

    private static readonly string[] CpuOnly = ["Demo.MnistMlp.Cpu.g.cs"];

    private static readonly string[] CpuAndGpu = ["Demo.MnistMlp.Cpu.g.cs", "Demo.MnistMlp.Gpu.g.cs"];

    [Fact]
    public void WithoutTheGpuBackEnd_OnlyTheCpuFileIsGenerated()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);

        Assert.Equal(CpuOnly, HintNames(run));
        Assert.DoesNotContain(run.Input.References, r => r.Display is { } d && d.Contains("ILGPU", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void WithIlgpuAndNetGenGpu_TheGpuFileIsGenerated_AndCompiles()
    {
        GeneratorRun run = GeneratorHarness.RunWithGpu(Source);

        Assert.Equal(CpuAndGpu, HintNames(run));
        INamedTypeSymbol gpu = run.Output.GetTypeByMetadataName("Demo.MnistMlp+Gpu")!;
        Assert.Equal("NetGen.Gpu.GpuNetwork", gpu.BaseType!.ToDisplayString());
    }

    [Theory]
    [InlineData("ILGPU")]       // ILGPU alone: no GpuNetwork to derive from
    [InlineData("NetGen.Gpu")]  // NetGen.Gpu without ILGPU: the kernels' types are missing
    public void WithOnlyOneOfTheTwo_OnlyTheCpuFileIsGenerated(string only)
    {
        MetadataReference extra = CompilationHelper.GpuReferences
            .Single(r => System.IO.Path.GetFileNameWithoutExtension(r.Display) == only);
        CSharpCompilation compilation = CompilationHelper.Create(Source).AddReferences(extra);

        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), compilation);

        Assert.Equal(CpuOnly, HintNames(run));
    }

    [Fact]
    public void ReferencesAddedThenRemoved_TheGpuFileFollows()
    {
        CSharpCompilation cpu = CompilationHelper.Create(Source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), cpu);
        GeneratorRun added = GeneratorHarness.AssertClean(
            GeneratorHarness.Run(first.Driver, cpu.WithReferences(CompilationHelper.GpuReferences)));
        GeneratorRun removed = GeneratorHarness.AssertClean(GeneratorHarness.Run(added.Driver, cpu));

        Assert.Equal(CpuOnly, HintNames(first));
        Assert.Equal(CpuAndGpu, HintNames(added));
        Assert.Equal(CpuOnly, HintNames(removed));
        Assert.Equal(IncrementalStepRunReason.Modified, Reasons(added, StepNames.GpuEnabled).Single());
        // The spec itself did not change: adding a reference re-parses but emits no new CPU text.
        StepReasons.Cached.AssertMatches(added);
    }

    [Fact]
    public void UnrelatedEdit_LeavesTheGpuInputCached()
    {
        CSharpCompilation compilation = CompilationHelper.CreateWithGpu(Source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), compilation);
        GeneratorRun second = GeneratorHarness.AssertClean(GeneratorHarness.Run(
            first.Driver, CompilationHelper.WithSource(compilation, Path, Source.Replace("x * 2", "x + x", StringComparison.Ordinal))));

        // The flag is computed again for the new compilation and comes out equal; the (spec, flag) pair is then
        // cached, so the GPU file is not written again.
        Assert.All(Reasons(second, StepNames.GpuEnabled), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(Reasons(second, StepNames.GpuInput), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.NotEmpty(Reasons(second, StepNames.GpuInput));
        Assert.Equal(CpuAndGpu, HintNames(second));
    }

    [Fact]
    public void LayerChanged_TheGpuFileIsWrittenAgain()
    {
        CSharpCompilation compilation = CompilationHelper.CreateWithGpu(Source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), compilation);
        GeneratorRun second = GeneratorHarness.AssertClean(GeneratorHarness.Run(
            first.Driver, CompilationHelper.WithSource(compilation, Path, Source.Replace("[Dense(128", "[Dense(64", StringComparison.Ordinal))));

        Assert.Contains(IncrementalStepRunReason.Modified, Reasons(second, StepNames.GpuInput));
        Assert.Contains("[batch, 784] -> [batch, 64]", second.Source("Demo.MnistMlp.Gpu.g.cs"), StringComparison.Ordinal);
        Assert.DoesNotContain("[batch, 784] -> [batch, 128]", second.Source("Demo.MnistMlp.Gpu.g.cs"), StringComparison.Ordinal);
    }

    private static string[] HintNames(GeneratorRun run) =>
        run.GeneratedSources.Select(s => s.HintName).OrderBy(h => h, StringComparer.Ordinal).ToArray();

    private static IncrementalStepRunReason[] Reasons(GeneratorRun run, string step) =>
        run.Generator.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
}
