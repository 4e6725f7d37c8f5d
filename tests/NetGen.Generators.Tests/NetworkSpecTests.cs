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
                new LayerSpec(0, LayerKind.Dense, 3, 8, ActivationKind.Tanh, true, 0),
                new LayerSpec(1, LayerKind.Dense, 8, 4, ActivationKind.Sigmoid, false, 32),
                new LayerSpec(2, LayerKind.Dense, 4, 2, ActivationKind.Identity, true, 64),
            },
            spec.Layers);
        Assert.Equal(74, spec.ParameterCount);
    }

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
