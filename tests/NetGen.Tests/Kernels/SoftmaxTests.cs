using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>Row-wise softmax against hand values, a float64 reference and central differences of <c>sum(softmax(z) * dout)</c>.</summary>
public class SoftmaxTests
{
    [Fact]
    public void Forward_HandValues()
    {
        float[] values = [1f, 2f, 3f, 1001f, 1002f, 1003f];
        Softmax.Forward(values, batch: 2, classes: 3);
        float[] expected = [0.0900306f, 0.2447285f, 0.6652410f];
        for (int i = 0; i < 6; i++)
        {
            // the max is subtracted, so 1000 + z does not overflow
            Assert.True(MathF.Abs(values[i] - expected[i % 3]) <= 2e-7f, $"[{i}] {values[i]}, expected {expected[i % 3]}");
        }
    }

    [Fact]
    public void Forward_ExtremeRows_StayFinite()
    {
        float[] values = [-1e4f, 0f, 1e4f, 5f, 5f, 5f, 7f];
        Softmax.Forward(values, batch: 2, classes: 3);
        Assert.Equal([0f, 0f, 1f, 1f / 3, 1f / 3, 1f / 3, 7f], values); // the value past batch x classes is untouched
    }

    [Fact]
    public void Forward_EveryRowLength_MatchesReference()
    {
        const int batch = 3;
        for (int classes = 1; classes <= 40; classes++)
        {
            float[] z = NetworkNumericsTests.RandomValues(batch * classes, seed: classes, scale: 8f);
            float[] y = (float[])z.Clone();
            Softmax.Forward(y, batch, classes);
            for (int b = 0; b < batch; b++)
            {
                double[] expected = Reference(ToDouble(z.AsSpan(b * classes, classes)));
                for (int c = 0; c < classes; c++)
                {
                    Assert.True(Math.Abs(y[b * classes + c] - expected[c]) <= 1e-6 * expected[c] + 1e-8,
                        $"classes {classes}, row {b}, class {c}: {y[b * classes + c]}, reference {expected[c]}");
                }
            }
        }
    }

    [Fact]
    public void Backward_EveryRowLength_MatchesFiniteDifferences()
    {
        const int batch = 2;
        for (int classes = 1; classes <= 40; classes++)
        {
            float[] z = NetworkNumericsTests.RandomValues(batch * classes, seed: 50 + classes, scale: 3f);
            float[] dout = NetworkNumericsTests.RandomValues(batch * classes, seed: 90 + classes, scale: 1f);
            float[] y = (float[])z.Clone();
            Softmax.Forward(y, batch, classes);
            float[] dz = (float[])dout.Clone();
            Softmax.Backward(y, dz, batch, classes);
            for (int b = 0; b < batch; b++)
            {
                double[] row = ToDouble(z.AsSpan(b * classes, classes));
                double[] d = ToDouble(dout.AsSpan(b * classes, classes));
                for (int c = 0; c < classes; c++)
                {
                    double expected = FiniteDifference(row, d, c);
                    Assert.True(Math.Abs(dz[b * classes + c] - expected) <= 1e-6 * Math.Abs(expected) + 1e-6,
                        $"classes {classes}, row {b}, class {c}: {dz[b * classes + c]}, finite differences {expected}");
                }
            }
        }
    }

    [Fact]
    public void Backward_LeavesValuesPastTheBatchAlone()
    {
        float[] y = [0.2f, 0.8f, 0.5f];
        float[] dy = [1f, 0f, 42f];
        Softmax.Backward(y, dy, batch: 1, classes: 2);
        Assert.Equal(0.2f * (1f - 0.2f), dy[0], 6);
        Assert.Equal(0.8f * (0f - 0.2f), dy[1], 6);
        Assert.Equal(42f, dy[2]);
    }

    [Theory]
    [InlineData(6, 6, 2, 0)]
    [InlineData(6, 6, -1, 3)]
    [InlineData(5, 6, 2, 3)]
    [InlineData(6, 5, 2, 3)]
    public void WrongShapes_Throw(int values, int gradients, int batch, int classes)
    {
        var e = Assert.Throws<ArgumentException>(() => Softmax.Backward(new float[values], new float[gradients], batch, classes));
        Assert.Contains($"batch {batch} x {classes} classes", e.Message);
        if (values == gradients)
        {
            Assert.Throws<ArgumentException>(() => Softmax.Forward(new float[values], batch, classes));
        }
    }

    private static double[] Reference(double[] z)
    {
        double max = double.NegativeInfinity;
        foreach (double v in z)
        {
            max = Math.Max(max, v);
        }

        double[] e = new double[z.Length];
        double sum = 0;
        for (int i = 0; i < z.Length; i++)
        {
            e[i] = Math.Exp(z[i] - max);
            sum += e[i];
        }

        for (int i = 0; i < z.Length; i++)
        {
            e[i] /= sum;
        }

        return e;
    }

    /// <summary>d/dz_c of <c>sum(softmax(z) * dout)</c>, central differences in float64.</summary>
    private static double FiniteDifference(double[] z, double[] dout, int c)
    {
        const double h = 1e-5;
        double[] plus = (double[])z.Clone(), minus = (double[])z.Clone();
        plus[c] += h;
        minus[c] -= h;
        return (Dot(Reference(plus), dout) - Dot(Reference(minus), dout)) / (2 * h);
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double[] ToDouble(ReadOnlySpan<float> values)
    {
        double[] result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }
}
