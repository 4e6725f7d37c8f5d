using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>Small, precise facts about the generated text, where a whole snapshot would say too much.</summary>
public sealed class GeneratedCodeFragmentTests
{
    [Fact]
    public void NetworkWithoutBias_PassesNoBiasSlice()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetGen;

            [Network] [Input(3)] [Dense(2, Bias = false)] public partial class Net { }
            """);

        string text = run.Source("Net.Cpu.g.cs");
        Assert.Contains("public const int ParameterCount = 6;", text);
        Assert.DoesNotContain("Layer0Bias", text);
        Assert.Contains("parameters.Slice(__Layout.Layer0Weight, 6), default,", text);
    }

    [Fact]
    public void Layers_AreReadInDeclarationOrder()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetGen;

            [Network]
            [Input(7)]
            [Dense(5)][Dense(3)]
            [Dense(2)]
            public partial class Net { }
            """);

        IEnumerable<string> layers = run.Source("Net.Cpu.g.cs").Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.StartsWith("// Layer", StringComparison.Ordinal) && l.Contains("Dense", StringComparison.Ordinal)
                && !l.Contains(';', StringComparison.Ordinal))
            .Take(3);
        Assert.Equal(
            new[] { "// Layer0: Dense 7 -> 5, Identity", "// Layer1: Dense 5 -> 3, Identity", "// Layer2: Dense 3 -> 2, Identity" },
            layers);
    }
}
