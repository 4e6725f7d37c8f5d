using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The 2x2 stride-2 <see cref="MaxPool2D.Forward"/> (blocks of 8 and 4 windows plus a scalar finish on each row)
/// against a naive loop over every window, bit for bit, on widths that exercise each block and tail, leftover rows and
/// columns, and inputs full of ties, signed zeros, infinities and NaNs.
/// </summary>
public class MaxPool2x2ForwardTests
{
    /// <summary>
    /// The maximum of four as the forward defines it, written out without <see cref="MathF.Max(float, float)"/>: NaN
    /// when any is NaN, else the largest, +0 counting above -0.
    /// </summary>
    private static float ReferenceMax(float a, float b, float c, float d)
    {
        float[] window = [a, b, c, d];
        float best = float.NegativeInfinity;
        foreach (float v in window)
        {
            if (float.IsNaN(v))
            {
                return float.NaN;
            }

            if (v > best || (v == 0 && best == 0 && !float.IsNegative(v)))
            {
                best = v;
            }
        }

        return best;
    }

    private static float[] Naive(float[] x, int planes, int inH, int inW)
    {
        int outH = inH / 2, outW = inW / 2;
        float[] y = new float[planes * outH * outW];
        for (int p = 0; p < planes; p++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    int i = p * inH * inW + 2 * oy * inW + 2 * ox;
                    y[(p * outH + oy) * outW + ox] = ReferenceMax(x[i], x[i + 1], x[i + inW], x[i + inW + 1]);
                }
            }
        }

        return y;
    }

    private static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = float.IsNaN(expected[i])
                ? float.IsNaN(actual[i])
                : BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]);
            Assert.True(same, $"{what}: output {i} is {actual[i]} ({BitConverter.SingleToInt32Bits(actual[i]):X8}), expected {expected[i]} ({BitConverter.SingleToInt32Bits(expected[i]):X8})");
        }
    }

    /// <summary>Every width from one window to 2 blocks of 8 plus a block of 4 plus 3 left, even and odd.</summary>
    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int>();
        for (int inW = 2; inW <= 47; inW++)
        {
            data.Add(inW);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Forward2x2_MatchesNaiveWindows_OnSpecialValues(int inW)
    {
        // Values drawn from a small set so that ties, NaNs and both zeros land in every lane position.
        float[] pool = [1f, 2f, -1f, 0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 2f, 1f];
        var random = new Random(1000 + inW);
        const int planes = 3, inH = 7; // an odd height: the last row is ignored
        float[] x = new float[planes * inH * inW];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = pool[random.Next(pool.Length)];
        }

        float[] y = new float[planes * (inH / 2) * (inW / 2)];
        MaxPool2D.Forward(x, y, 1, planes, inH, inW, 2, 2);
        AssertSameBits(Naive(x, planes, inH, inW), y, $"width {inW}");
    }

    [Theory]
    [InlineData(2, 6, 28, 28)]  // LeNet-5 after C1
    [InlineData(2, 16, 10, 10)] // LeNet-5 after C3
    [InlineData(1, 2, 9, 33)]
    public void Forward2x2_MatchesNaiveWindows_OnRandomValues(int batch, int channels, int inH, int inW)
    {
        var random = new Random(inW * 31 + inH);
        float[] x = new float[batch * channels * inH * inW];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(random.NextDouble() * 2 - 1);
        }

        float[] y = new float[batch * channels * (inH / 2) * (inW / 2)];
        MaxPool2D.Forward(x, y, batch, channels, inH, inW, 2, 2);
        AssertSameBits(Naive(x, batch * channels, inH, inW), y, $"{batch}x{channels}x{inH}x{inW}");
    }

    [Fact]
    public void Forward2x2_AllWindowsOverOneTwoNaN_InEveryLane()
    {
        // The 81 windows over {1, 2, NaN}, laid side by side in one 2 x 162 input so that each lands in the 8-wide
        // blocks, the 4-wide block and the scalar finish (81 = 8 * 10 + 1), then again shifted by one window.
        float[] values = [1f, 2f, float.NaN];
        for (int shift = 0; shift < 5; shift++)
        {
            int windows = 81 + shift;
            float[] x = new float[2 * 2 * windows];
            for (int w = 0; w < windows; w++)
            {
                int code = (w + 81 - shift) % 81;
                x[2 * w] = values[code % 3];
                x[2 * w + 1] = values[code / 3 % 3];
                x[2 * windows + 2 * w] = values[code / 9 % 3];
                x[2 * windows + 2 * w + 1] = values[code / 27];
            }

            float[] y = new float[windows];
            MaxPool2D.Forward(x, y, 1, 1, 2, 2 * windows, 2, 2);
            AssertSameBits(Naive(x, 1, 2, 2 * windows), y, $"shift {shift}");
        }
    }
}
