using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NetGen.Generators.Model;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The spec is the generator's cache key: two parses of the same source give equal, separately built specs with
/// equal hash codes, and nothing in it can pin a compilation.
/// </summary>
public sealed class NetworkSpecTests
{
    private const string Source = """
        using NetGen;

        namespace Demo
        {
            public partial class Outer
            {
                [Network(Loss = Loss.MSE)]
                [Input(3)]
                [Dense(8, Activation.Tanh)]
                [Dense(4, Activation.Sigmoid, Bias = false)]
                [Dense(2)]
                public partial class Regressor { }
            }
        }
        """;

    [Fact]
    public void SameSourceParsedTwice_GivesEqualSpecsWithEqualHashCodes()
    {
        NetworkSpec first = Parse(Source);
        NetworkSpec second = Parse(Source);

        Assert.NotSame(first, second);
        Assert.NotSame(first.Type, second.Type);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void DifferentLayer_GivesUnequalSpecs()
    {
        NetworkSpec first = Parse(Source);
        NetworkSpec second = Parse(Source.Replace("Bias = false", "Bias = true", System.StringComparison.Ordinal));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Spec_HoldsTheInferredShapesAndOffsets()
    {
        NetworkSpec spec = Parse(Source);

        Assert.Equal(
            new HierarchyInfo("Demo", "Regressor", "class", new EquatableArray<Model.TypeInfo>(new[] { new Model.TypeInfo("class", "Outer") })),
            spec.Type);
        Assert.Equal(LossKind.MSE, spec.Loss);
        Assert.Equal(3, spec.InputSize);
        Assert.Equal(
            new[]
            {
                new LayerSpec(0, Model.LayerKind.Dense, Vector(3), Vector(8), ActivationKind.Tanh, 0f, true, 0, 0, 0, 0f, 0, ModuleIndex: 0),
                new LayerSpec(1, Model.LayerKind.Dense, Vector(8), Vector(4), ActivationKind.Sigmoid, 0f, false, 0, 0, 0, 0f, 32, ModuleIndex: 2),
                new LayerSpec(2, Model.LayerKind.Dense, Vector(4), Vector(2), ActivationKind.Identity, 0f, true, 0, 0, 0, 0f, 64, ModuleIndex: 4),
            },
            spec.Layers);
        Assert.Equal(74, spec.ParameterCount);
    }

    [Fact]
    public void Spec_InfersConvolutionAndPoolingShapes()
    {
        NetworkSpec spec = Parse("""
            using NetGen;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(1, 28, 28)]
            [Conv2D(6, 5, Activation.ReLU, Padding = 2)]
            [MaxPool2D(2)]
            [Conv2D(16, 5, Activation.ReLU)]
            [AvgPool2D(2, Stride = 2)]
            [Dropout(0.25)]
            [Dense(10)]
            public partial class Net { }
            """);

        // 28 + 2*2 - 5 + 1 = 28; 28 / 2 = 14; 14 - 5 + 1 = 10; 10 / 2 = 5; flatten 16 * 5 * 5 = 400.
        Assert.Equal(new Shape(1, 28, 28, true), spec.Input);
        Assert.Equal(new Shape(6, 28, 28, true), spec.Layers[0].Output);
        Assert.Equal(new Shape(6, 14, 14, true), spec.Layers[1].Output);
        Assert.Equal(new Shape(16, 10, 10, true), spec.Layers[2].Output);
        Assert.Equal(new Shape(16, 5, 5, true), spec.Layers[3].Output);
        Assert.Equal(0.25f, spec.Layers[4].DropoutProbability);
        Assert.Equal(400, spec.Layers[5].InputSize);
        // conv1 6*1*5*5 + 6 = 156, conv2 16*6*5*5 + 16 = 2416, dense 10*400 + 10 = 4010.
        Assert.Equal(156, spec.Layers[2].ParameterOffset);
        Assert.Equal(156 + 2416, spec.Layers[5].ParameterOffset);
        Assert.Equal(156 + 2416 + 4010, spec.ParameterCount);
    }

    private static Shape Vector(int size) => new(size, 1, 1, false);

    [Fact]
    public void Spec_ReachesNoSymbolSyntaxLocationTreeOrCompilation()
    {
        List<string> found = ObjectGraph.FindRoslynObjects(Parse(Source));

        Assert.True(found.Count == 0, "The spec holds Roslyn objects:\n" + string.Join("\n", found));
    }

    [Fact]
    public void ObjectGraphWalk_FindsARoslynObjectWhereThereIsOne()
    {
        var holder = new KeyValuePair<string, object[]>("x", new object[] { 1, Location.None });

        Assert.Equal(new[] { "KeyValuePair`2.value[1] (Microsoft.CodeAnalysis.NoLocation)" }, ObjectGraph.FindRoslynObjects(holder));
    }

    private static NetworkSpec Parse(string source) =>
        Assert.Single(GeneratorHarness.Run(GeneratorHarness.CreateDriver(trackSteps: true), CompilationHelper.Create(source)).TrackedSpecs());
}
