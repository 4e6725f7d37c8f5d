using System;
using NetGen.Kernels;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// <see cref="MaxPool2D"/> and <see cref="AvgPool2D"/> against hand-computed values and their backward against central
/// finite differences of <c>sum(out * dout)</c> over a float64 pooling written from the definition.
/// </summary>
public class Pool2DTests
{
    // 5 x 5, so a 2 x 2 pool with stride 2 gives 2 x 2 and ignores the last row and column (which hold the largest values).
    private static readonly float[] FiveByFive =
    [
        1, 9, 2, 4, 90,
        3, 5, 8, 6, 91,
        7, 0, 3, 1, 92,
        2, 4, 6, 5, 93,
        94, 95, 96, 97, 98,
    ];

    [Fact]
    public void MaxPool_Forward_HandValues_IgnoresLeftovers()
    {
        float[] y = new float[4];
        MaxPool2D.Forward(FiveByFive, y, 1, 1, 5, 5, 2, 2);
        Assert.Equal([9f, 8f, 7f, 6f], y);
    }

    [Fact]
    public void AvgPool_Forward_HandValues_IgnoresLeftovers()
    {
        float[] y = new float[4];
        AvgPool2D.Forward(FiveByFive, y, 1, 1, 5, 5, 2, 2);
        Assert.Equal([18f / 4, 20f / 4, 13f / 4, 15f / 4], y);
    }

    [Fact]
    public void Overlapping_Windows_HandValues()
    {
        // size 3, stride 2 over 5 x 5 (upper-left 4 x 4 block with the rest): windows start at rows/columns 0 and 2.
        float[] max = new float[4], avg = new float[4];
        MaxPool2D.Forward(FiveByFive, max, 1, 1, 5, 5, 3, 2);
        AvgPool2D.Forward(FiveByFive, avg, 1, 1, 5, 5, 3, 2);
        Assert.Equal([9f, 92f, 96f, 98f], max);
        Assert.Equal(38f / 9, avg[0], 5);
        Assert.Equal((2 + 4 + 90 + 8 + 6 + 91 + 3 + 1 + 92) / 9f, avg[1], 4);

        // Both windows share input (2, 2) = 3 and (0, 2) = 2: the gradients routed there add up.
        float[] dx = new float[25];
        AvgPool2D.Backward(FiveByFive, avg, [9f, 18f, 27f, 36f], dx, 1, 1, 5, 5, 3, 2);
        Assert.Equal(1f + 2f + 3f + 4f, dx[2 * 5 + 2], 5);
        Assert.Equal(1f + 2f, dx[2], 5);
        Assert.Equal(1f, dx[0], 5);
    }

    [Fact]
    public void MaxPool_Backward_Ties_GoToFirstMaximumInRowMajorOrder()
    {
        float[] x =
        [
            1, 5, 2, 2,
            5, 5, 2, 2,
        ];
        float[] y = new float[2];
        float[] dx = new float[8];
        dx.AsSpan().Fill(7f); // overwritten
        MaxPool2D.Forward(x, y, 1, 1, 2, 4, 2, 2);
        MaxPool2D.Backward(x, y, [10f, 20f], dx, 1, 1, 2, 4, 2, 2);
        Assert.Equal([5f, 2f], y);
        Assert.Equal([0f, 10f, 20f, 0f, 0f, 0f, 0f, 0f], dx);
    }

    [Fact]
    public void MaxPool_Backward2x2_TiesAndNaNs_FollowTheRowMajorRule()
    {
        // Every 2x2 window over {1, 2, NaN}: the gradient goes to the first maximum in row-major order, where a NaN
        // counts as a new maximum (so the last NaN wins), as in the general window loop.
        float[] values = [1f, 2f, float.NaN];
        for (int code = 0; code < 81; code++)
        {
            float[] x = [values[code % 3], values[code / 3 % 3], values[code / 9 % 3], values[code / 27]];
            int expected = 0;
            float max = x[0];
            for (int i = 1; i < 4; i++)
            {
                if (x[i] > max || float.IsNaN(x[i]))
                {
                    max = x[i];
                    expected = i;
                }
            }

            float[] dx = new float[4];
            MaxPool2D.Backward(x, new float[1], [3f], dx, 1, 1, 2, 2, 2, 2);
            for (int i = 0; i < 4; i++)
            {
                Assert.True(dx[i] == (i == expected ? 3f : 0f), $"window [{string.Join(", ", x)}]: dx[{i}] = {dx[i]}, expected the gradient at {expected}");
            }
        }
    }

    [Fact]
    public void MaxPool_NaN_Propagates()
    {
        float[] y = new float[1];
        MaxPool2D.Forward([1f, float.NaN, 3f, 2f], y, 1, 1, 2, 2, 2, 2);
        Assert.True(float.IsNaN(y[0]));
    }

    /// <summary>batch, channels, inHeight, inWidth, size, stride.</summary>
    public static TheoryData<int, int, int, int, int, int> Shapes => new()
    {
        { 2, 3, 4, 6, 2, 2 },
        { 1, 2, 5, 5, 2, 2 }, // leftover row and column
        { 2, 1, 7, 6, 3, 2 }, // overlapping windows
        { 1, 2, 5, 7, 2, 1 },
        { 1, 1, 6, 5, 3, 3 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MaxPool_ForwardAndBackward_MatchReference(int batch, int channels, int inH, int inW, int size, int stride) =>
        CheckAgainstReference(max: true, batch, channels, inH, inW, size, stride);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AvgPool_ForwardAndBackward_MatchReference(int batch, int channels, int inH, int inW, int size, int stride) =>
        CheckAgainstReference(max: false, batch, channels, inH, inW, size, stride);

    [Fact]
    public void WrongShapes_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() => MaxPool2D.Forward(new float[16], new float[3], 1, 1, 4, 4, 2, 2));
        Assert.Contains("outputs >= 4", e.Message);
        e = Assert.Throws<ArgumentException>(() => AvgPool2D.Forward(new float[4], new float[1], 1, 1, 2, 2, 3, 3));
        Assert.Contains("inHeight, inWidth >= size", e.Message);
        e = Assert.Throws<ArgumentException>(() => MaxPool2D.Backward(new float[16], new float[4], new float[4], new float[15], 1, 1, 4, 4, 2, 2));
        Assert.Contains("dInputs 15 (expected 0 or 16)", e.Message);
        e = Assert.Throws<ArgumentException>(() => AvgPool2D.Backward(new float[16], new float[4], new float[3], new float[16], 1, 1, 4, 4, 2, 2));
        Assert.Contains("dOutputs 3 (expected 4)", e.Message);
    }

    private static void CheckAgainstReference(bool max, int batch, int channels, int inH, int inW, int size, int stride)
    {
        int outH = (inH - size) / stride + 1, outW = (inW - size) / stride + 1;
        int nx = batch * channels * inH * inW, ny = batch * channels * outH * outW;
        float[] x = DistinctValues(nx, seed: nx);
        float[] dout = NetworkNumericsTests.RandomValues(ny, seed: 3, scale: 1f);
        float[] y = new float[ny];
        y.AsSpan().Fill(float.NaN);
        float[] dx = new float[nx];
        dx.AsSpan().Fill(float.NaN); // backward must overwrite every value
        if (max)
        {
            MaxPool2D.Forward(x, y, batch, channels, inH, inW, size, stride);
            MaxPool2D.Backward(x, y, dout, dx, batch, channels, inH, inW, size, stride);
        }
        else
        {
            AvgPool2D.Forward(x, y, batch, channels, inH, inW, size, stride);
            AvgPool2D.Backward(x, y, dout, dx, batch, channels, inH, inW, size, stride);
        }

        double[] expected = ReferencePool(max, Conv2DTests.ToDouble(x), batch, channels, inH, inW, size, stride);
        for (int i = 0; i < ny; i++)
        {
            Assert.True(Math.Abs(expected[i] - y[i]) <= 1e-6 * (1 + Math.Abs(expected[i])), $"output {i} is {y[i]}, reference {expected[i]}");
        }

        double[] numeric = ReferenceNetwork.FiniteDifferences(Conv2DTests.ToDouble(x), p =>
        {
            double[] outputs = ReferencePool(max, p, batch, channels, inH, inW, size, stride);
            double total = 0;
            for (int i = 0; i < outputs.Length; i++)
            {
                total += outputs[i] * dout[i];
            }

            return total;
        });
        for (int i = 0; i < nx; i++)
        {
            Assert.True(Math.Abs(numeric[i] - dx[i]) <= 1e-5 * (1 + Math.Abs(numeric[i])), $"dInputs[{i}] is {dx[i]}, finite differences {numeric[i]}");
        }
    }

    /// <summary>A shuffled arithmetic sequence: no ties, and gaps far wider than a finite-difference step.</summary>
    private static float[] DistinctValues(int count, int seed)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = -1f + 2f * i / count;
        }

        new SeededRandom(seed).Shuffle(values.AsSpan());
        return values;
    }

    /// <summary>torch.nn.MaxPool2d / AvgPool2d without padding, from the definition, in float64.</summary>
    private static double[] ReferencePool(bool max, double[] x, int batch, int channels, int inH, int inW, int size, int stride)
    {
        int outH = (inH - size) / stride + 1, outW = (inW - size) / stride + 1;
        var y = new double[batch * channels * outH * outW];
        for (int p = 0; p < batch * channels; p++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    double acc = max ? double.NegativeInfinity : 0;
                    for (int dy = 0; dy < size; dy++)
                    {
                        for (int dx = 0; dx < size; dx++)
                        {
                            double v = x[(p * inH + oy * stride + dy) * inW + ox * stride + dx];
                            acc = max ? Math.Max(acc, v) : acc + v;
                        }
                    }

                    y[(p * outH + oy) * outW + ox] = max ? acc : acc / (size * size);
                }
            }
        }

        return y;
    }
}
