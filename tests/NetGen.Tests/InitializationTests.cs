using System;
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
