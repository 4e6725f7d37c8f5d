using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The 2x2 stride-2 <see cref="MaxPool2D.Backward"/> (blocks of 8 and 4 windows plus a scalar finish on each row)
/// against a naive loop over every window, bit for bit, on widths that exercise each block and tail, leftover rows and
/// columns, and inputs full of ties, signed zeros, infinities and NaNs.
/// </summary>
public class MaxPool2x2BackwardTests
{
    /// <summary>
    /// PyTorch's rule for the window's winner, written out as a loop over the window in row-major order: a value
    /// replaces the current maximum when it is larger or NaN, so ties keep the first and the last NaN wins.
    /// </summary>
    private static int ReferenceWinner(float[] window)
    {
        int best = 0;
        float max = window[0];
        for (int i = 1; i < window.Length; i++)
        {
            if (window[i] > max || float.IsNaN(window[i]))
            {
                max = window[i];
                best = i;
            }
        }

        return best;
    }

    internal static float[] Naive(float[] x, float[] dy, int planes, int inH, int inW)
    {
        int outH = inH / 2, outW = inW / 2;
        float[] dx = new float[x.Length];
        for (int p = 0; p < planes; p++)
        {
            for (int oy = 0; oy < outH; oy++)
            {
                for (int ox = 0; ox < outW; ox++)
                {
                    int i = p * inH * inW + 2 * oy * inW + 2 * ox;
                    int[] at = [i, i + 1, i + inW, i + inW + 1];
                    int winner = ReferenceWinner([x[at[0]], x[at[1]], x[at[2]], x[at[3]]]);
                    dx[at[winner]] += dy[(p * outH + oy) * outW + ox];
                }
            }
        }

        return dx;
    }

    internal static void AssertSameBits(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}: input gradient {i} is {actual[i]}, expected {expected[i]}");
        }
    }

    /// <summary>Runs the kernel into a buffer full of garbage, which it must overwrite everywhere.</summary>
    internal static float[] Run(float[] x, float[] dy, int planes, int inH, int inW)
    {
        float[] y = new float[dy.Length];
        MaxPool2D.Forward(x, y, 1, planes, inH, inW, 2, 2);
        float[] dx = new float[x.Length];
        Array.Fill(dx, 123.25f);
        MaxPool2D.Backward(x, y, dy, dx, 1, planes, inH, inW, 2, 2);
        return dx;
    }

    internal static float[] Gradients(int count, int seed)
    {
        var random = new Random(seed);
        float[] dy = new float[count];
        for (int i = 0; i < count; i++)
        {
            dy[i] = (float)(random.NextDouble() * 2 - 1); // distinct values: a gradient sent to the wrong input shows
        }

        return dy;
    }

    /// <summary>Inputs half of them 0, as after a ReLU, so that many windows tie.</summary>
    internal static float[] ReluLike(int count, int seed)
    {
        var random = new Random(seed);
        float[] x = new float[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = random.Next(2) == 0 ? 0f : (float)random.NextDouble();
        }

        return x;
    }

    [Theory]
    [MemberData(nameof(MaxPool2x2ForwardTests.Widths), MemberType = typeof(MaxPool2x2ForwardTests))]
    public void Backward2x2_MatchesNaiveWindows_OnSpecialValues(int inW)
    {
        float[] pool = [1f, 2f, -1f, 0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 2f, 1f];
        var random = new Random(2000 + inW);
        const int planes = 3, inH = 7; // an odd height: the last row gets no gradient
        float[] x = new float[planes * inH * inW];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = pool[random.Next(pool.Length)];
        }

        float[] dy = Gradients(planes * (inH / 2) * (inW / 2), inW);
        AssertSameBits(Naive(x, dy, planes, inH, inW), Run(x, dy, planes, inH, inW), $"width {inW}");
    }

    [Theory]
    [InlineData(6, 28, 28)]  // LeNet-5 after C1
    [InlineData(16, 10, 10)] // LeNet-5 after C3
    [InlineData(2, 9, 33)]
    public void Backward2x2_MatchesNaiveWindows_OnRandomValues(int planes, int inH, int inW)
    {
        float[] x = ReluLike(planes * inH * inW, inW * 37 + inH);
        float[] dy = Gradients(planes * (inH / 2) * (inW / 2), planes);
        AssertSameBits(Naive(x, dy, planes, inH, inW), Run(x, dy, planes, inH, inW), $"{planes}x{inH}x{inW}");
    }

    [Fact]
    public void Backward2x2_AllWindowsOverOneTwoNaN_InEveryLane()
    {
        // The 81 windows over {1, 2, NaN}, side by side in one 2 x 162 input so that each lands in the 8-wide blocks,
        // the 4-wide block and the scalar finish (81 = 8 * 10 + 1), then again shifted by one window.
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

            float[] dy = Gradients(windows, shift);
            AssertSameBits(Naive(x, dy, 1, 2, 2 * windows), Run(x, dy, 1, 2, 2 * windows), $"shift {shift}");
        }
    }

    [Fact]
    public void Backward2x2_NaNGradient_ReachesItsWinner()
    {
        float[] x = new float[2 * 16];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = i % 5;
        }

        float[] dy = Gradients(8, 7);
        dy[3] = float.NaN;
        float[] expected = Naive(x, dy, 1, 2, 16), actual = Run(x, dy, 1, 2, 16);
        Assert.Single(Array.FindAll(actual, float.IsNaN));
        Assert.Equal(Array.FindIndex(expected, float.IsNaN), Array.FindIndex(actual, float.IsNaN));
    }
}

/// <summary>The 2x2 max-pool backward split across threads by planes against the naive loop, bit for bit.</summary>
[Collection(ThreadCountCollection.Name)] // sets Parallelism.MaxThreads
public class MaxPool2x2BackwardSplitTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Backward2x2_LargeEnoughToSplit_MatchesNaiveWindows(int threads)
    {
        // 144 planes (24 samples of LeNet-5's first pooling, 6 x 28 x 28): 112,896 input values, above the split
        // threshold.
        const int planes = 144, inH = 28, inW = 28;
        float[] x = MaxPool2x2BackwardTests.ReluLike(planes * inH * inW, threads);
        float[] dy = MaxPool2x2BackwardTests.Gradients(planes * (inH / 2) * (inW / 2), threads);
        float[] actual = ParallelKernelTests.WithThreads(threads, () => MaxPool2x2BackwardTests.Run(x, dy, planes, inH, inW));
        MaxPool2x2BackwardTests.AssertSameBits(
            MaxPool2x2BackwardTests.Naive(x, dy, planes, inH, inW), actual, $"{threads} threads");
    }
}
