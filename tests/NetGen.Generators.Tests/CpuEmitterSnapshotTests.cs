using NetGen.Generators.Tests.Infrastructure;
using Xunit;

namespace NetGen.Generators.Tests;

/// <summary>
/// The exact text of the CPU emitter, for two networks that together cover its features: CrossEntropy with the
/// labels overload, MSE with its explicit labels stub, every activation, a layer without bias and a nested class.
/// Few on purpose: other tests assert fragments.
/// </summary>
public sealed class CpuEmitterSnapshotTests
{
    [Fact]
    public void MnistMlp()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(Loss = Loss.CrossEntropy)]
            [Input(784)]
            [Dense(128, Activation.ReLU)]
            [Dense(10)]
            public partial class MnistMlp { }
            """);

        SnapshotAssert.Matches(run);
    }

    [Fact]
    public void NestedMseNetworkWithoutBias()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetGen;

            namespace Demo.Regression
            {
                public partial class Outer
                {
                    [Network(Loss = Loss.MSE)]
                    [Input(3)]
                    [Dense(8, Activation.Tanh)]
                    [Dense(4, Activation.Sigmoid, Bias = false)]
                    [Dense(2)]
                    internal partial class Regressor { }
                }
            }
            """);

        SnapshotAssert.Matches(run);
    }

    [Fact]
    public void ConvolutionalNetwork()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using NetGen;

            namespace Demo;

            [Network(Loss = Loss.CrossEntropy, L2 = 0.0001)]
            [Input(1, 12, 12)]
            [Conv2D(4, 3, Activation.PReLU, Padding = 1)]
            [MaxPool2D(2)]
            [Conv2D(6, 3, Activation.LeakyReLU, Stride = 2, Slope = 0.1, MaxNorm = 3)]
            [AvgPool2D(2, Stride = 1)]
            [Dropout(0.25)]
            [Dense(10)]
            public partial class SmallConvNet { }
            """);

        SnapshotAssert.Matches(run);
    }
}
