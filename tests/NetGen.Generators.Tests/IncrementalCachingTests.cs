using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The <see cref="StepNames.NetworkSpec"/> step after a second run on an edited compilation: edits that cannot change
/// the network leave it Cached or Unchanged (nothing is emitted again), a real change makes it Modified.
/// </summary>
/// <remarks>
/// Editing the network's own file re-runs the parser, but for a valid network the parse result (an equal spec and
/// an empty diagnostics array) compares equal, so Roslyn never re-runs the <c>Select</c> and reports the step as
/// Cached, not Unchanged. Unchanged shows when the result differs only in its diagnostics (a warning that moved).
/// </remarks>
public sealed class IncrementalCachingTests
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
        public partial class MnistMlp
        {
            public int Epochs() => 1;
        }
        """;

    [Fact]
    public void FirstRun_IsNew()
    {
        GeneratorRun run = GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), CompilationHelper.Create(Source));

        StepReasons.New.AssertMatches(run);
    }

    [Fact]
    public void SameCompilation_IsCached()
    {
        AssertSecondRun(compilation => compilation, StepReasons.Cached);
    }

    [Fact]
    public void UnrelatedFileAdded_IsCached()
    {
        AssertSecondRun(
            compilation => compilation.AddSyntaxTrees(CompilationHelper.Parse("namespace Demo; public sealed class Other { }", "Other.cs")),
            StepReasons.Cached);
    }

    [Fact]
    public void UnrelatedMethodBodyEditedInTheSameFile_IsCached()
    {
        AssertSecondRun(Edit(Source.Replace("x * 2", "x + x", StringComparison.Ordinal)), StepReasons.Cached);
    }

    [Fact]
    public void MemberOfTheNetworkClassEdited_IsCached()
    {
        AssertSecondRun(Edit(Source.Replace("=> 1;", "=> 20;", StringComparison.Ordinal)), StepReasons.Cached);
    }

    [Fact]
    public void TextAppendedToTheFile_IsCached()
    {
        AssertSecondRun(Edit(Source + "\npublic sealed class Appended { }\n"), StepReasons.Cached);
    }

    [Fact]
    public void ClassMovedDownInItsFile_IsCached()
    {
        AssertSecondRun(
            Edit(Source.Replace("namespace Demo;", "namespace Demo;\n\n// moved\n\n", StringComparison.Ordinal)),
            StepReasons.Cached);
    }

    [Fact]
    public void DenseUnitsChanged_IsModifiedAndReEmitted()
    {
        GeneratorRun second = AssertSecondRun(
            Edit(Source.Replace("[Dense(128", "[Dense(64", StringComparison.Ordinal)),
            StepReasons.Modified);

        Assert.Contains("public const int ParameterCount = 50890;", second.Source("Demo.MnistMlp.Cpu.g.cs"));
    }

    /// <summary>The diagnostics have their own output, so a moved warning is reported at its new place even though
    /// the spec is Unchanged and nothing is re-emitted.</summary>
    [Fact]
    public void ClassWithWarningMovedDown_IsUnchangedAndTheWarningMoves()
    {
        string source = Source.Replace("[Dense(10)]", "[Dense(10, Activation.Sigmoid)]", StringComparison.Ordinal);
        CSharpCompilation compilation = CompilationHelper.Create(source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), compilation);
        GeneratorRun second = GeneratorHarness.Run(
            first.Driver,
            CompilationHelper.WithSource(compilation, Path, "// one\n// two\n// three\n" + source));

        StepReasons.Unchanged.AssertMatches(second);
        DiagnosticAssert.Exactly(second.GeneratorDiagnostics, ("NG0005", "Dense(10, Activation.Sigmoid)"));
        Assert.Equal(
            first.GeneratorDiagnostics.Single().Location.GetLineSpan().StartLinePosition.Line + 3,
            second.GeneratorDiagnostics.Single().Location.GetLineSpan().StartLinePosition.Line);
    }

    private static Func<CSharpCompilation, CSharpCompilation> Edit(string newSource)
    {
        Assert.NotEqual(Source, newSource);
        return compilation => CompilationHelper.WithSource(compilation, Path, newSource);
    }

    private static GeneratorRun AssertSecondRun(Func<CSharpCompilation, CSharpCompilation> edit, StepReasons expected)
    {
        CSharpCompilation compilation = CompilationHelper.Create(Source);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), compilation);
        GeneratorRun second = GeneratorHarness.AssertClean(GeneratorHarness.Run(first.Driver, edit(compilation)));
        expected.AssertMatches(second);
        return second;
    }
}
