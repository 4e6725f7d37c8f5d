using System;
using System.Linq;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

public class InitializationTests
{
    [Fact]
    public void SameSeed_SameParameters_OtherSeed_Different()
    {
        Assert.Equal(new MnistMlp(42).Parameters.ToArray(), new MnistMlp(42).Parameters.ToArray());
        Assert.NotEqual(new MnistMlp(42).Parameters.ToArray(), new MnistMlp(43).Parameters.ToArray());
    }

    [Fact]
    public void ReluLayer_IsHeUniform_OtherLayers_GlorotUniform_BiasesZero()
    {
        var network = new MnistMlp(seed: 3);
        ReadOnlySpan<float> p = network.Parameters;
        AssertUniform(p.Slice(0, 128 * 784), MathF.Sqrt(6f / 784));           // He: sqrt(6 / fanIn)
        Assert.True(p.Slice(128 * 784, 128).IndexOfAnyExcept(0f) < 0);
        AssertUniform(p.Slice(128 * 785, 10 * 128), MathF.Sqrt(6f / (128 + 10))); // Glorot: sqrt(6 / (fanIn + fanOut))
        Assert.True(p.Slice(128 * 785 + 1280, 10).IndexOfAnyExcept(0f) < 0);
    }

    private static void AssertUniform(ReadOnlySpan<float> weights, float bound)
    {
        double sum = 0, sumSquares = 0;
        foreach (float w in weights)
        {
            Assert.InRange(w, -bound, bound);
            sum += w;
            sumSquares += (double)w * w;
        }

        // U(-b, b) has mean 0 and variance b^2 / 3; with >= 1280 draws both are within a few percent.
        double mean = sum / weights.Length, variance = sumSquares / weights.Length - mean * mean;
        Assert.InRange(mean, -0.05 * bound, 0.05 * bound);
        Assert.InRange(variance, 0.9 * bound * bound / 3, 1.1 * bound * bound / 3);
    }
}

public class ParameterTensorTests
{
    [Theory]
    [MemberData(nameof(NetGen.Tests.Networks.NetworkCatalog.Names), MemberType = typeof(NetGen.Tests.Networks.NetworkCatalog))]
    public void ParameterTensors_TileTheParametersInOrder(string name)
    {
        INetwork network = NetGen.Tests.Networks.NetworkCatalog.All[name].Create(1);
        int next = 0;
        foreach (TensorInfo tensor in network.ParameterTensors)
        {
            Assert.Equal(next, tensor.Offset);
            int product = 1;
            foreach (int dimension in tensor.Shape)
            {
                product *= dimension;
            }

            Assert.Equal(product, tensor.Length);
            next += tensor.Length;
        }

        Assert.Equal(network.ParameterCount, next);
    }

    [Fact]
    public void LeNet5_TensorsAreNamedAsAPyTorchSequential()
    {
        // nn.Sequential(Conv2d, ReLU, MaxPool2d, Conv2d, ReLU, MaxPool2d, Flatten, Linear, ReLU, Linear, ReLU, Linear):
        // the parameters sit in modules 0, 3, 7, 9 and 11.
        string[] expected =
        [
            "0.weight [6, 1, 5, 5] at 0", "0.bias [6] at 150",
            "3.weight [16, 6, 5, 5] at 156", "3.bias [16] at 2556",
            "7.weight [120, 400] at 2572", "7.bias [120] at 50572",
            "9.weight [84, 120] at 50692", "9.bias [84] at 60772",
            "11.weight [10, 84] at 60856", "11.bias [10] at 61696",
        ];
        Assert.Equal(expected, new NetGen.Tests.Networks.LeNet5(1).ParameterTensors.Select(t => t.ToString()));
    }
}

public class PReLUTensorNameTests
{
    [Fact]
    public void PReLU_SlopesAreTheNextModulesWeight()
    {
        // nn.Sequential(Conv2d, PReLU(1), Flatten, Linear, PReLU(4), Linear).
        Assert.Equal(
            ["0.weight", "0.bias", "1.weight", "3.weight", "3.bias", "4.weight", "5.weight", "5.bias"],
            new NetGen.Tests.Networks.PReLUNetwork(1).ParameterTensors.Select(t => t.Name));
    }
}
