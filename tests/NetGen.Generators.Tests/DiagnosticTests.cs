using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// One test per NetGen diagnostic, named after its descriptor: the id, the attribute it points at, and nothing else
/// from NetGen. An error generates no file; the compiler's own diagnostics are pinned by id where the invalid
/// declaration is also invalid C# (a duplicate attribute, a missing argument), and must be absent otherwise.
/// </summary>
public sealed class DiagnosticTests
{
    [Fact]
    public void NetworkClassMustBePartial_IsReportedOnNetworkAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1)] public class Net { }
            """,
            ("NG0001", "Network"));
    }

    [Fact]
    public void NetworkWithoutInput_IsReportedOnNetworkAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network(Loss = Loss.MSE)] [Dense(4)] [Dense(1)] public partial class Net { }
            """,
            ("NG0002", "Network(Loss = Loss.MSE)"));
    }

    [Fact]
    public void NetworkWithoutLayers_IsReportedOnNetworkAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] public partial class Net { }
            """,
            ("NG0003", "Network"));
    }

    [Fact]
    public void SizeMustBePositive_IsReportedOnDenseAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(0)] [Dense(1)] public partial class Net { }
            """,
            ("NG0004", "Dense(0)"));
    }

    [Fact]
    public void SizeMustBePositive_IsReportedOnInputAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(-3)] [Dense(1)] public partial class Net { }
            """,
            ("NG0004", "Input(-3)"));
    }

    [Fact]
    public void CrossEntropyExpectsLogits_IsReportedOnLastLayerAndTheNetworkIsStillGenerated()
    {
        GeneratorRun run = GeneratorHarness.RunAllowingDiagnostics("""
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(4)]
            [Dense(8, Activation.ReLU)]
            [Dense(3, Activation.Sigmoid)]
            public partial class Net { }
            """);

        DiagnosticAssert.Exactly(run.GeneratorDiagnostics, ("NG0005", "Dense(3, Activation.Sigmoid)"));
        Assert.Equal(DiagnosticSeverity.Warning, run.GeneratorDiagnostics.Single().Severity);
        Assert.Equal("Net.Cpu.g.cs", Assert.Single(run.GeneratedSources).HintName);
        DiagnosticAssert.NoWarningsOrErrors(run.OutputDiagnostics, "the updated compilation");
    }

    [Fact]
    public void GenericNetworkNotSupported_IsReportedOnNetworkAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1)] public partial class Net<T> { }
            """,
            ("NG0006", "Network"));
    }

    [Fact]
    public void GenericNetworkNotSupported_IsReportedInsideGenericContainingType()
    {
        AssertError(
            """
            using NetGen;

            public partial class Outer<T>
            {
                [Network] [Input(2)] [Dense(1)] public partial class Net { }
            }
            """,
            ("NG0006", "Network"));
    }

    [Fact]
    public void ContainingTypeMustBePartial_IsReportedOnNetworkAttribute()
    {
        AssertError(
            """
            using NetGen;

            public class Outer
            {
                [Network] [Input(2)] [Dense(1)] public partial class Net { }
            }
            """,
            ("NG0007", "Network"));
    }

    [Fact]
    public void DuplicateNetworkAttribute_IsReportedOnTheSecondPartialDeclaration()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1)] public partial class Net { }

            [Network(Loss = Loss.MSE)] public partial class Net { }
            """,
            ("NG0008", "Network(Loss = Loss.MSE)"),
            compilerErrors: "CS0579");
    }

    [Fact]
    public void LayersSpreadOverPartialDeclarations_IsReportedOnEachLayerOutsideTheFirstDeclaration()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(4)] public partial class Net { }

            [Dense(3)] [Dense(1)] public partial class Net { }
            """,
            ("NG0009", "Dense(3)"),
            ("NG0009", "Dense(1)"));
    }

    [Fact]
    public void LayersSpreadOverPartialDeclarations_IsReportedAcrossFiles()
    {
        GeneratorRun run = GeneratorHarness.RunAllowingDiagnostics(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(4)] public partial class Net { }
            """,
            """
            using NetGen;

            [Dense(1)] public partial class Net { }
            """);

        DiagnosticAssert.Exactly(run.GeneratorDiagnostics, ("NG0009", "Dense(1)"));
        Assert.Equal("Source1.cs", run.GeneratorDiagnostics.Single().Location.SourceTree?.FilePath);
        Assert.Empty(run.GeneratedSources);
        DiagnosticAssert.NoWarningsOrErrors(run.OutputDiagnostics, "the updated compilation");
    }

    [Fact]
    public void InputMustComeFirst_IsReportedOnInputAfterALayer()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Dense(4)] [Input(2)] [Dense(1)] public partial class Net { }
            """,
            ("NG0010", "Input(2)"));
    }

    [Fact]
    public void InputMustComeFirst_IsReportedOnASecondInput()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Input(3)] [Dense(1)] public partial class Net { }
            """,
            ("NG0010", "Input(3)"),
            compilerErrors: "CS0579");
    }

    [Fact]
    public void UnknownEnumValue_IsReportedOnDenseWithAnUndefinedActivation()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1, (Activation)42)] public partial class Net { }
            """,
            ("NG0011", "Dense(1, (Activation)42)"));
    }

    [Fact]
    public void UnknownEnumValue_IsReportedOnNetworkWithAnUndefinedLoss()
    {
        AssertError(
            """
            using NetGen;

            [Network(Loss = (Loss)7)] [Input(2)] [Dense(1)] public partial class Net { }
            """,
            ("NG0011", "Network(Loss = (Loss)7)"));
    }

    [Fact]
    public void NetworkTooLarge_IsReportedOnTheLayerWhoseParametersOverflow()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(100000)] [Dense(100000)] public partial class Net { }
            """,
            ("NG0012", "Dense(100000)"));
    }

    /// <summary>The parser means to report the overflow once ("report once"), not again on every later layer.</summary>
    [Fact]
    public void NetworkTooLarge_IsReportedOnceWhenMoreLayersFollow()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(100000)] [Dense(100000)] [Dense(10)] [Dense(2)] public partial class Net { }
            """,
            ("NG0012", "Dense(100000)"));
    }

    [Fact]
    public void NetworkClassMustNotBeStatic_IsReportedOnNetworkAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1)] public static partial class Net { }
            """,
            ("NG0013", "Network"));
    }

    [Fact]
    public void InvalidAttributeArguments_IsReportedOnDenseWithoutArguments()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense] [Dense(1)] public partial class Net { }
            """,
            ("NG0014", "Dense"),
            compilerErrors: "CS7036");
    }

    [Fact]
    public void InvalidAttributeArguments_IsReportedOnInputWithAnArgumentOfTheWrongType()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input("wide")] [Dense(1)] public partial class Net { }
            """,
            ("NG0014", "Input(\"wide\")"),
            compilerErrors: "CS1503");
    }

    /// <summary>NG0015 comes from <see cref="Diagnostics.LayerWithoutNetworkAnalyzer"/>, not from the generator.</summary>
    [Fact]
    public void LayerAttributeWithoutNetwork_IsReportedOnEachLayerAttributeOfAClassWithoutNetwork()
    {
        const string source = """
            using NetGen;

            [Input(2)] [Dense(1)] public partial class Forgotten { }

            [Network] [Input(2)] [Dense(1)] public partial class Net { }
            """;

        DiagnosticAssert.Exactly(
            AnalyzerHarness.Run<Diagnostics.LayerWithoutNetworkAnalyzer>(source),
            ("NG0015", "Input(2)"),
            ("NG0015", "Dense(1)"));
        Assert.Equal(new[] { "Net.Cpu.g.cs" }, GeneratorHarness.Run(source).GeneratedSources.Select(s => s.HintName));
    }

    [Fact]
    public void LayerAttributeWithoutNetwork_IsNotReportedWhenNetworkIsOnAnotherPartialDeclaration()
    {
        DiagnosticAssert.Exactly(AnalyzerHarness.Run<Diagnostics.LayerWithoutNetworkAnalyzer>("""
            using NetGen;

            [Input(2)] [Dense(1)] public partial class Net { }

            [Network] public partial class Net { }
            """));
    }

    /// <summary>
    /// Asserts that NetGen reported exactly <paramref name="expected"/>, all errors, generated nothing and did not
    /// throw; that the compiler reported exactly the ids <paramref name="compilerErrors"/> (none by default).
    /// </summary>
    [Fact]
    public void NetworkWithPrimaryConstructor_IsReportedOnNetworkAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1)] public partial class Net(string name) { public string Name => name; }
            """,
            ("NG0016", "Network"));
    }

    [Fact]
    public void NetworkWithPrimaryConstructor_IsReportedOnPositionalRecord()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1)] public partial record Net(int Tag);
            """,
            ("NG0016", "Network"));
    }

    [Fact]
    public void FileLocalNetworkNotSupported_IsReportedOnNetworkAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1)] file partial class Net { }
            """,
            ("NG0017", "Network"));
    }

    [Fact]
    public void WindowLargerThanInput_IsReportedOnConv2DAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(1, 4, 4)] [Conv2D(2, 5)] [Dense(1)] public partial class Net { }
            """,
            ("NG0018", "Conv2D(2, 5)"));
    }

    [Fact]
    public void WindowLargerThanInput_IsReportedOnPoolingAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(1, 6, 6)] [Conv2D(2, 3)] [MaxPool2D(5)] [Dense(1)] public partial class Net { }
            """,
            ("NG0018", "MaxPool2D(5)"));
    }

    [Fact]
    public void DropoutProbabilityOutOfRange_IsReportedOnDropoutAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(4)] [Dense(8)] [Dropout(1.0)] [Dense(1)] public partial class Net { }
            """,
            ("NG0019", "Dropout(1.0)"));
    }

    [Fact]
    public void ImageLayerNeedsImageInput_IsReportedOnConv2DAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(16)] [Conv2D(2, 3)] [Dense(1)] public partial class Net { }
            """,
            ("NG0020", "Conv2D(2, 3)"));
    }

    [Fact]
    public void PaddingMustNotBeNegative_IsReportedOnConv2DAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(1, 8, 8)] [Conv2D(2, 3, Padding = -1)] [Dense(1)] public partial class Net { }
            """,
            ("NG0021", "Conv2D(2, 3, Padding = -1)"));
    }

    [Fact]
    public void InvalidActivationParameter_IsReportedOnDenseAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(4)] [Dense(8, Activation.LeakyReLU, Slope = -0.1f)] [Dense(1)] public partial class Net { }
            """,
            ("NG0022", "Dense(8, Activation.LeakyReLU, Slope = -0.1f)"));
    }

    [Fact]
    public void InvalidRegularization_IsReportedOnTheLayerAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(4)] [Dense(8, L2 = -0.5)] [Dense(1)] public partial class Net { }
            """,
            ("NG0023", "Dense(8, L2 = -0.5)"));
    }

    [Fact]
    public void InvalidRegularization_IsReportedOnTheNetworkAttribute()
    {
        AssertError(
            """
            using NetGen;

            [Network(L1 = double.PositiveInfinity)] [Input(4)] [Dense(1)] public partial class Net { }
            """,
            ("NG0023", "Network(L1 = double.PositiveInfinity)"));
    }

    [Fact]
    public void NetworkTooLarge_IsReportedOnAnInputWhoseSizeOverflowsAnInt()
    {
        // Found by GeneratorFuzzTests: 2^30 x 3 x 7 values wrapped to 2^30 as an int, and the layer after it to a negative
        // parameter count; the generated file then declared arrays of negative size.
        AssertError(
            """
            using NetGen;

            [Network] [Input(1 << 30, 3, 7)] [Dropout(0.9)] [Dense(2147483647)] [Dense(5)] public partial class Net { }
            """,
            ("NG0012", "Input(1 << 30, 3, 7)"),
            ("NG0012", "Dense(2147483647)"));
    }

    [Fact]
    public void NetworkTooLarge_IsReportedOnAConvolutionWhoseOutputOverflowsAnInt()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(1, 4, 4)] [Conv2D(1000, 1, Padding = 1000000)] [Dense(1)] public partial class Net { }
            """,
            ("NG0012", "Conv2D(1000, 1, Padding = 1000000)"));
    }

    [Fact]
    public void NetworkTooLarge_IsReportedOnNetworkWhenTheOutputsOfOneSampleOverflow()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(1, 40000, 40000)] [Dropout(0.5)] [Dropout(0.5)] [Dense(1)] public partial class Net { }
            """,
            ("NG0012", "Network"));
    }

    [Fact]
    public void NameConflictsWithGeneratedCode_IsReportedOnAMemberNamedLikeAGeneratedOne()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1)] public partial class Net { public int InputSize => 3; }
            """,
            ("NG0024", "InputSize"));
    }

    [Fact]
    public void NameConflictsWithGeneratedCode_IsReportedOnAMethodWithAGeneratedSignature_NotOnOverloads()
    {
        AssertError(
            """
            using System;
            using NetGen;

            [Network] [Input(2)] [Dense(1)]
            public partial class Net
            {
                public void Forward(float[] inputs) { }
                public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs) { }
                public void ApplyConstraints(int rows) { }
            }
            """,
            ("NG0024", "Forward"));
    }

    [Fact]
    public void NameConflictsWithGeneratedCode_IsReportedOnAConstructorTakingASeed()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1)] public partial class Net { public Net() { } public Net(int seed) { } }
            """,
            ("NG0024", "Net"));
    }

    [Fact]
    public void NameConflictsWithGeneratedCode_IsReportedOnNetworkForAClassNamedLikeAGeneratedMember()
    {
        AssertError(
            """
            using NetGen;

            [Network] [Input(2)] [Dense(1)] public partial class Forward { }
            """,
            ("NG0024", "Network"));
    }

    [Fact]
    public void NameConflictsWithGeneratedCode_IsReportedOnNetworkForATypeHidingTheSystemNamespace()
    {
        AssertError(
            """
            using NetGen;

            public class System { }

            namespace Demo
            {
                [Network] [Input(2)] [Dense(1)] public partial class Net { }
            }
            """,
            ("NG0024", "Network"));
    }

    [Fact]
    public void NameConflictsWithGeneratedCode_IsReportedOnNetworkForATypeHidingARuntimeType()
    {
        AssertError(
            """
            namespace NetGen
            {
                public sealed class TensorInfo { }

                [Network] [Input(2)] [Dense(1)] public partial class Net { }
            }
            """,
            ("NG0024", "Network"));
    }

    [Fact]
    public void NameConflictsWithGeneratedCode_IsReportedOnNetworkWhenANamespaceHasItsFullName()
    {
        AssertError(
            """
            using NetGen;

            namespace Demo.Net { }

            namespace Demo
            {
                [Network] [Input(2)] [Dense(1)] public partial class Net { }
            }
            """,
            ("NG0024", "Network"),
            "CS0101");
    }

    [Fact]
    public void NetworkClassMustNotHaveBaseClass_IsReportedOnNetworkAttribute()
    {
        // Found by GeneratorFuzzTests: a base class without a parameterless constructor broke the generated
        // constructors, and a base network made every generated member hide an inherited one (CS0108).
        AssertError(
            """
            using NetGen;

            public class Base { public int InputSize => 1; }

            [Network] [Input(2)] [Dense(1)] public partial class Net : Base { }
            """,
            ("NG0025", "Network"));
    }

    private static void AssertError(string source, ExpectedDiagnostic expected, params string[] compilerErrors) =>
        AssertErrors(source, new[] { expected }, compilerErrors);

    private static void AssertError(string source, ExpectedDiagnostic first, ExpectedDiagnostic second) =>
        AssertErrors(source, new[] { first, second }, Array.Empty<string>());

    private static void AssertErrors(string source, ExpectedDiagnostic[] expected, string[] compilerErrors)
    {
        GeneratorRun run = GeneratorHarness.RunAllowingDiagnostics(source);

        DiagnosticAssert.Exactly(run.GeneratorDiagnostics, expected);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.True(
            run.GeneratedSources.IsEmpty,
            "An invalid network generated: " + string.Join(", ", run.GeneratedSources.Select(s => s.HintName)));
        Assert.Equal(
            compilerErrors.OrderBy(id => id, StringComparer.Ordinal),
            run.OutputDiagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning)
                .Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal));
    }
}
