using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary><see cref="Dropout"/>: inverted dropout, deterministic for a seed, its backward reusing the mask.</summary>
public class DropoutTests
{
    [Fact]
    public void ZeroProbability_IsIdentity()
    {
        float[] x = NetworkNumericsTests.RandomValues(37, seed: 1, scale: 3f);
        float[] y = new float[37], mask = new float[37];
        Dropout.Forward(x, y, mask, 0f, new SeededRandom(1));
        Assert.Equal(x, y);
        Assert.All(mask, m => Assert.Equal(1f, m));
    }

    [Fact]
    public void HalfProbability_KeepsHalf_AndPreservesTheMean()
    {
        const int n = 100_000;
        float[] x = new float[n];
        x.AsSpan().Fill(1f);
        float[] y = new float[n], mask = new float[n];
        Dropout.Forward(x, y, mask, 0.5f, new SeededRandom(42));

        int kept = 0;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            Assert.True(mask[i] == 0f || mask[i] == 2f, $"mask[{i}] is {mask[i]}");
            Assert.Equal(x[i] * mask[i], y[i]);
            kept += mask[i] != 0f ? 1 : 0;
            sum += y[i];
        }

        Assert.InRange(kept / (double)n, 0.495, 0.505);
        Assert.InRange(sum / n, 0.99, 1.01);
    }

    [Fact]
    public void SameSeed_SameMask_OtherSeed_OtherMask()
    {
        float[] x = NetworkNumericsTests.RandomValues(200, seed: 2, scale: 1f);
        float[] y1 = new float[200], m1 = new float[200], y2 = new float[200], m2 = new float[200], m3 = new float[200];
        Dropout.Forward(x, y1, m1, 0.3f, new SeededRandom(7));
        Dropout.Forward(x, y2, m2, 0.3f, new SeededRandom(7));
        Dropout.Forward(x, new float[200], m3, 0.3f, new SeededRandom(8));
        Assert.Equal(m1, m2);
        Assert.Equal(y1, y2);
        Assert.NotEqual(m1, m3);
        Assert.All(m1, m => Assert.True(m == 0f || m == 1f / 0.7f));
    }

    [Fact]
    public void Backward_MultipliesByTheMask()
    {
        float[] x = NetworkNumericsTests.RandomValues(50, seed: 3, scale: 1f);
        float[] y = new float[50], mask = new float[50];
        Dropout.Forward(x, y, mask, 0.25f, new SeededRandom(5));
        float[] dout = NetworkNumericsTests.RandomValues(50, seed: 4, scale: 1f);
        float[] dx = new float[50];
        dx.AsSpan().Fill(9f);
        Dropout.Backward(mask, dout, dx);
        for (int i = 0; i < 50; i++)
        {
            Assert.Equal(dout[i] * mask[i], dx[i]);
            Assert.Equal(mask[i] == 0f, dx[i] == 0f || dout[i] == 0f);
        }
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void InvalidProbability_Throws(float p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Dropout.Forward(new float[3], new float[3], new float[3], p, new SeededRandom(1)));

    [Fact]
    public void MismatchedLengths_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => Dropout.Forward(new float[3], new float[3], new float[2], 0.5f, new SeededRandom(1)));
        Assert.Contains("mask 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => Dropout.Backward(new float[3], new float[3], new float[4]));
        Assert.Contains("dInputs 4", e.Message);
    }
}
