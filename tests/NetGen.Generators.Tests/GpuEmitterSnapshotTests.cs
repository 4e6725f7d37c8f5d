using System;
using System.Linq;
using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The exact text of the GPU emitter (<c>X.Gpu.g.cs</c>) in a compilation referencing ILGPU and NetGen.Gpu, for the
/// MNIST MLP and a small CNN with every layer kind and a PReLU. Only the GPU file is compared: the CPU file of the same
/// networks is <see cref="CpuEmitterSnapshotTests"/>' business.
/// </summary>
public sealed class GpuEmitterSnapshotTests
{
    [Fact]
    public void GpuMnistMlp()
    {
        GeneratorRun run = GeneratorHarness.RunWithGpu("""
            using NetGen;

            namespace Demo;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(784)]
            [Dense(128, Activation.ReLU)]
            [Dense(10)]
            public partial class MnistMlp { }
            """);

        MatchesGpuFile(run, "Demo.MnistMlp.Gpu.g.cs");
    }

    [Fact]
    public void GpuSmallConvNet()
    {
        GeneratorRun run = GeneratorHarness.RunWithGpu("""
            using NetGen;

            namespace Demo;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(1, 12, 12)]
            [Conv2D(4, 3, Activation.PReLU, Padding = 1)]
            [MaxPool2D(2)]
            [Conv2D(6, 3, Activation.LeakyReLU, Stride = 2, Slope = 0.1)]
            [AvgPool2D(2, Stride = 1)]
            [Dropout(0.25)]
            [Dense(10)]
            public partial class SmallConvNet { }
            """);

        MatchesGpuFile(run, "Demo.SmallConvNet.Gpu.g.cs");
    }

    private static void MatchesGpuFile(GeneratorRun run, string hintName, [System.Runtime.CompilerServices.CallerMemberName] string testName = "")
    {
        Assert.Contains(run.GeneratedSources, s => s.HintName == hintName);
        SnapshotAssert.Matches(
            run.GeneratedSources.Where(s => s.HintName.EndsWith(".Gpu.g.cs", StringComparison.Ordinal))
                .ToDictionary(s => s.HintName, s => s.SourceText.ToString()),
            testName);
    }
}
