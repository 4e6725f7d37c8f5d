using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The stride-1 convolution backward without unfolding: against a float64 loop written from the definition of the
/// gradients, against the unfolded (im2col) path, bit-identical for 1, 2 and 3 threads, allocation-free when warm, and
/// its weight-gradient product <see cref="Gemm.DotRowsSegmented"/> against a float64 loop.
/// </summary>
[Collection(ThreadCountCollection.Name)]
public class Conv2DDirectBackwardTests
{
    /// <summary>batch, inChannels, inHeight, inWidth, outChannels, kernelSize, padding (stride 1).</summary>
    public static TheoryData<int, int, int, int, int, int, int> Shapes => new()
    {
        { 3, 1, 28, 28, 6, 5, 2 },   // LeNet-5 C1
        { 11, 6, 14, 14, 16, 5, 0 }, // LeNet-5 C3, two groups of samples
        { 9, 2, 7, 9, 3, 3, 1 },     // odd sizes
        { 2, 3, 5, 6, 5, 3, 2 },     // padding = kernelSize - 1: the output gradient needs no padding
        { 17, 1, 6, 5, 2, 3, 0 },    // three groups, the last one short
        { 1, 2, 4, 4, 7, 1, 0 },     // 1x1 kernel
        { 2, 2, 3, 3, 2, 2, 1 },
        { 2, 1, 5, 40, 5, 3, 1 },    // rows longer than a vector, with a tail
        { 10, 4, 1, 20, 3, 1, 0 },   // one row
        { 1, 1, 4, 5, 2, 2, 2 },     // padding >= kernelSize: taps whose rows lie wholly in the padding
        { 9, 1, 64, 64, 8, 3, 1 },   // large images: fewer than a group's samples per pass
    };

    [Fact]
    public void LargeImages_PassFewerSamplesAtATime()
    {
        // The 64x64 case of Shapes: 8 channels over the padded width (4,222 columns) plus the padded image (66x66).
        Assert.InRange(Conv2D.DirectScratchLimit / (8 * (63 * 66 + 64) + 66 * 66), 1, 7);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_MatchesFloat64Reference(int batch, int inC, int inH, int inW, int outC, int k, int padding)
    {
        int outH = Conv2D.OutputSize(inH, k, 1, padding), outW = Conv2D.OutputSize(inW, k, 1, padding);
        int nx = batch * inC * inH * inW, nw = outC * inC * k * k, ny = batch * outC * outH * outW;
        float[] x = NetworkNumericsTests.RandomValues(nx, seed: 11, scale: 1f);
        float[] w = NetworkNumericsTests.RandomValues(nw, seed: 12, scale: 0.5f);
        float[] dz = NetworkNumericsTests.RandomValues(ny, seed: 13, scale: 1f);
        float[] dw = NetworkNumericsTests.RandomValues(nw, seed: 14, scale: 1f); // accumulated onto
        float[] db = NetworkNumericsTests.RandomValues(outC, seed: 15, scale: 1f);
        float[] dx = new float[nx];
        dx.AsSpan().Fill(float.NaN); // every input gradient must be written

        // Identity activation: dL/dz is dz itself, and the outputs are not read.
        double[] expectedW = Conv2DTests.ToDouble(dw), expectedB = Conv2DTests.ToDouble(db), expectedX = new double[nx];
        double[] scaleW = new double[nw], scaleB = new double[outC], scaleX = new double[nx];
        for (int b = 0; b < batch; b++)
        {
            for (int o = 0; o < outC; o++)
            {
                for (int oy = 0; oy < outH; oy++)
                {
                    for (int ox = 0; ox < outW; ox++)
                    {
                        double g = dz[((b * outC + o) * outH + oy) * outW + ox];
                        expectedB[o] += g;
                        scaleB[o] += Math.Abs(g);
                        for (int c = 0; c < inC; c++)
                        {
                            for (int ky = 0; ky < k; ky++)
                            {
                                int iy = oy - padding + ky;
                                if (iy < 0 || iy >= inH)
                                {
                                    continue;
                                }

                                for (int kx = 0; kx < k; kx++)
                                {
                                    int ix = ox - padding + kx;
                                    if (ix < 0 || ix >= inW)
                                    {
                                        continue;
                                    }

                                    int wi = ((o * inC + c) * k + ky) * k + kx, xi = ((b * inC + c) * inH + iy) * inW + ix;
                                    expectedW[wi] += g * x[xi];
                                    scaleW[wi] += Math.Abs(g * x[xi]);
                                    expectedX[xi] += g * w[wi];
                                    scaleX[xi] += Math.Abs(g * w[wi]);
                                }
                            }
                        }
                    }
                }
            }
        }

        Conv2D.Backward(new IdentityOperator(), x, w, new float[ny], dz, dw, db, dx, batch, inC, inH, inW, outC, k, 1, padding);
        AssertClose(expectedW, scaleW, dw, "dWeights");
        AssertClose(expectedB, scaleB, db, "dBias");
        AssertClose(expectedX, scaleX, dx, "dInputs");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Backward_MatchesUnfoldedPath(int batch, int inC, int inH, int inW, int outC, int k, int padding)
    {
        foreach (bool needInputs in new[] { true, false })
        {
            (float[] dw, float[] db, float[] dx) = RunBackward(batch, inC, inH, inW, outC, k, padding, needInputs, unfold: false);
            (float[] dwRef, float[] dbRef, float[] dxRef) = RunBackward(batch, inC, inH, inW, outC, k, padding, needInputs, unfold: true);
            AssertNear(dwRef, dw, $"dWeights (dInputs {needInputs})");
            AssertNear(dbRef, db, $"dBias (dInputs {needInputs})");
            AssertNear(dxRef, dx, "dInputs");
        }
    }

    [Theory]
    [InlineData(19, 1, 28, 28, 6, 5, 2)]
    [InlineData(27, 6, 14, 14, 16, 5, 0)]
    [InlineData(20, 2, 7, 9, 3, 3, 1)]
    [InlineData(20, 1, 64, 64, 8, 3, 1)] // several passes per group
    public void Backward_BitIdenticalForOneTwoAndThreeThreads(int batch, int inC, int inH, int inW, int outC, int k, int padding)
    {
        (float[], float[], float[]) Run(int threads)
        {
            int saved = Parallelism.MaxThreads;
            Parallelism.MaxThreads = threads;
            try
            {
                return RunBackward(batch, inC, inH, inW, outC, k, padding, needInputs: true, unfold: false);
            }
            finally
            {
                Parallelism.MaxThreads = saved;
            }
        }

        (float[] dw1, float[] db1, float[] dx1) = Run(1);
        foreach (int threads in new[] { 2, 3 })
        {
            (float[] dw, float[] db, float[] dx) = Run(threads);
            Assert.Equal(dw1, dw);
            Assert.Equal(db1, db);
            Assert.Equal(dx1, dx);
        }
    }

    [Fact]
    public void Backward_LargeBatchOnOneThread_AllocatesNothingAfterWarmUp()
    {
        const int batch = 19;
        float[] x1 = NetworkNumericsTests.RandomValues(batch * 28 * 28, seed: 1, scale: 1f);
        float[] w1 = NetworkNumericsTests.RandomValues(6 * 25, seed: 2, scale: 0.2f), dw1 = new float[6 * 25], db1 = new float[6];
        float[] y1 = NetworkNumericsTests.RandomValues(batch * 6 * 28 * 28, seed: 3, scale: 1f), dy1 = new float[y1.Length];
        float[] x3 = NetworkNumericsTests.RandomValues(batch * 6 * 14 * 14, seed: 4, scale: 1f), dx3 = new float[x3.Length];
        float[] w3 = NetworkNumericsTests.RandomValues(16 * 6 * 25, seed: 5, scale: 0.1f), dw3 = new float[16 * 6 * 25], db3 = new float[16];
        float[] y3 = NetworkNumericsTests.RandomValues(batch * 16 * 10 * 10, seed: 6, scale: 1f), dy3 = new float[y3.Length];

        void Step()
        {
            Conv2D.Backward(new TanhOperator(), x3, w3, y3, dy3, dw3, db3, dx3, batch, 6, 14, 14, 16, 5, 1, 0);
            Conv2D.Backward(new IdentityOperator(), x1, w1, y1, dy1, dw1, db1, [], batch, 1, 28, 28, 6, 5, 1, 2);
        }

        int saved = Parallelism.MaxThreads;
        Parallelism.MaxThreads = 1;
        try
        {
            SteadyStateAllocation.AssertNone(Step, "Conv2D.Backward of C1 and C3 at batch 19 on one thread");
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }

    /// <summary>m, n, k, segments, accumulate.</summary>
    [Theory]
    [InlineData(6, 25, 892, 3, true)]   // LeNet-5 C1's weight gradient over three samples
    [InlineData(16, 150, 136, 8, true)] // C3's over a group
    [InlineData(5, 7, 17, 2, false)]    // one past a 16-lane vector
    [InlineData(4, 4, 8, 1, true)]      // exactly one 256-bit vector
    [InlineData(3, 9, 5, 4, false)]     // shorter than a vector: scalar
    [InlineData(9, 3, 33, 1, true)]
    public void DotRowsSegmented_MatchesFloat64Loop(int m, int n, int k, int segments, bool accumulate)
    {
        // A: rows lda apart, segments aSeg apart; B: a buffer read at shuffled, overlapping row offsets.
        int aSeg = k + 3, lda = segments * aSeg + 2, bSeg = k + 5, ldc = n + 1;
        float[] a = NetworkNumericsTests.RandomValues(m * lda, seed: 21, scale: 1f);
        int[] offsets = new int[n];
        for (int j = 0; j < n; j++)
        {
            offsets[j] = (j * 7) % (n + 3);
        }

        float[] b = NetworkNumericsTests.RandomValues(n + 3 + (segments - 1) * bSeg + k, seed: 22, scale: 1f);
        float[] c = NetworkNumericsTests.RandomValues(m * ldc, seed: 23, scale: 1f);
        float[] c0 = (float[])c.Clone();
        Gemm.DotRowsSegmented(a, lda, aSeg, b, offsets, bSeg, c, ldc, m, k, segments, accumulate);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double expected = accumulate ? c0[i * ldc + j] : 0, scale = Math.Abs(expected);
                for (int s = 0; s < segments; s++)
                {
                    for (int q = 0; q < k; q++)
                    {
                        double term = (double)a[i * lda + s * aSeg + q] * b[offsets[j] + s * bSeg + q];
                        expected += term;
                        scale += Math.Abs(term);
                    }
                }

                Assert.True(Math.Abs(expected - c[i * ldc + j]) <= 1e-6 * (1 + scale), $"C[{i},{j}] = {c[i * ldc + j]}, expected {expected}");
            }

            Assert.Equal(c0[i * ldc + n], c[i * ldc + n]); // past the last column: untouched
        }
    }

    [Fact]
    public void DotRowsSegmented_RowOfBOutsideTheBuffer_ThrowsNamingTheRow()
    {
        float[] a = new float[2 * 20], b = new float[30], c = new float[4];
        var e = Assert.Throws<ArgumentException>(() => Gemm.DotRowsSegmented(a, 20, 10, b, new[] { 0, 11 }, 10, c, 2, 2, 10, 2, accumulate: false));
        Assert.Contains("Row 1 of matrix b", e.Message);
        e = Assert.Throws<ArgumentException>(() => Gemm.DotRowsSegmented(a, 20, 11, b, new[] { 0, 1 }, 10, c, 2, 2, 10, 2, accumulate: false));
        Assert.Contains("Matrix a", e.Message);
    }

    private static (float[] Dw, float[] Db, float[] Dx) RunBackward(
        int batch, int inC, int inH, int inW, int outC, int k, int padding, bool needInputs, bool unfold)
    {
        int outH = Conv2D.OutputSize(inH, k, 1, padding), outW = Conv2D.OutputSize(inW, k, 1, padding);
        int nx = batch * inC * inH * inW, nw = outC * inC * k * k, ny = batch * outC * outH * outW;
        float[] x = NetworkNumericsTests.RandomValues(nx, seed: 31, scale: 1f);
        float[] w = NetworkNumericsTests.RandomValues(nw, seed: 32, scale: 0.5f);
        float[] bias = NetworkNumericsTests.RandomValues(outC, seed: 33, scale: 0.5f);
        float[] y = new float[ny];
        Conv2D.Forward(new TanhOperator(), x, w, bias, y, batch, inC, inH, inW, outC, k, 1, padding);
        float[] dy = NetworkNumericsTests.RandomValues(ny, seed: 34, scale: 1f);
        float[] dw = NetworkNumericsTests.RandomValues(nw, seed: 35, scale: 1f);
        float[] db = NetworkNumericsTests.RandomValues(outC, seed: 36, scale: 1f);
        float[] dx = new float[needInputs ? nx : 0];
        dx.AsSpan().Fill(float.NaN);
        Conv2D.Backward(new TanhOperator(), x, w, y, dy, dw, db, dx, batch, inC, inH, inW, outC, k, 1, padding, unfold);
        return (dw, db, dx);
    }

    private static void AssertClose(double[] expected, double[] scale, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * (1 + scale[i] + Math.Abs(expected[i])),
                $"{what}[{i}] is {actual[i]}, reference {expected[i]}");
        }
    }

    private static void AssertNear(float[] expected, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 2e-5f * (1 + Math.Abs(expected[i])),
                $"{what}[{i}] is {actual[i]}, unfolded path {expected[i]}");
        }
    }
}
