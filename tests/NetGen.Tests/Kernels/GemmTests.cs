using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>The matrix kernels against plain float64 loops, over sizes that hit every block and remainder path.</summary>
public class GemmTests
{
    private static readonly int[] Sizes = [0, 1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 17, 31, 33, 40];

    [Fact]
    public void DotRows_EveryBlockAndRemainder_MatchesLoops()
    {
        int seed = 0;
        foreach (int m in new[] { 1, 3, 4, 5, 9 })
        {
            foreach (int n in new[] { 1, 4, 7, 8, 9, 17 })
            {
                foreach (int k in Sizes)
                {
                    foreach (bool accumulate in new[] { false, true })
                    {
                        int lda = k + 2, ldb = k + 1, ldc = n + 3;
                        float[] a = NetworkNumericsTests.RandomValues(m * lda, ++seed, 1f);
                        float[] b = NetworkNumericsTests.RandomValues(n * ldb, ++seed, 1f);
                        float[] c = NetworkNumericsTests.RandomValues(m * ldc, ++seed, 1f);
                        float[] before = (float[])c.Clone();
                        Gemm.DotRows(a, lda, b, ldb, c, ldc, m, n, k, accumulate);
                        for (int i = 0; i < m; i++)
                        {
                            for (int j = 0; j < ldc; j++)
                            {
                                if (j >= n)
                                {
                                    Assert.Equal(before[i * ldc + j], c[i * ldc + j]); // padding untouched
                                    continue;
                                }

                                double expected = accumulate ? before[i * ldc + j] : 0;
                                for (int p = 0; p < k; p++)
                                {
                                    expected += (double)a[i * lda + p] * b[j * ldb + p];
                                }

                                Assert.True(Math.Abs(expected - c[i * ldc + j]) <= 1e-5 * (1 + Math.Abs(expected)),
                                    $"m {m} n {n} k {k} accumulate {accumulate}: C[{i},{j}] = {c[i * ldc + j]}, expected {expected}");
                            }
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void AccumulateOuter_PlainAndTransposed_MatchLoops()
    {
        int seed = 1000;
        foreach (int m in new[] { 1, 3, 4, 5, 8, 9 })
        {
            // Up to 4 vectors of 512 bits and beyond, so the lone-row 4-vector path and its remainders run.
            foreach (int n in new[] { 0, 1, 3, 8, 9, 16, 17, 31, 33, 63, 64, 65, 100, 131 })
            {
                foreach (int r in new[] { 0, 1, 2, 5, 16 })
                {
                    foreach (bool transposed in new[] { false, true })
                    {
                        // A is r x m read as A[p, i]; stored either p-major (transposed view) or i-major.
                        int lda = transposed ? m + 1 : r + 2;
                        int aRow = transposed ? lda : 1, aCol = transposed ? 1 : lda;
                        int aLength = transposed ? Math.Max(r, 1) * lda : Math.Max(m, 1) * lda;
                        int ldb = n + 1, ldc = n + 2;
                        float[] a = NetworkNumericsTests.RandomValues(aLength, ++seed, 1f);
                        float[] b = NetworkNumericsTests.RandomValues(Math.Max(r, 1) * ldb, ++seed, 1f);
                        float[] c = NetworkNumericsTests.RandomValues(m * ldc, ++seed, 1f);
                        float[] before = (float[])c.Clone();
                        Gemm.AccumulateOuter(a, aRow, aCol, b, ldb, c, ldc, m, n, r);
                        for (int i = 0; i < m; i++)
                        {
                            for (int j = 0; j < ldc; j++)
                            {
                                double expected = before[i * ldc + j];
                                if (j < n)
                                {
                                    for (int p = 0; p < r; p++)
                                    {
                                        expected += (double)a[p * aRow + i * aCol] * b[p * ldb + j];
                                    }
                                }

                                Assert.True(Math.Abs(expected - c[i * ldc + j]) <= 1e-5 * (1 + Math.Abs(expected)),
                                    $"m {m} n {n} r {r} transposed {transposed}: C[{i},{j}] = {c[i * ldc + j]}, expected {expected}");
                            }
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void DotRows_InfinityBeforeTheTail_StaysInfinite()
    {
        // The tail of k is one vector overlapping lanes already summed; the overlap is masked in both operands, so an
        // infinity there is not multiplied by zero into a NaN.
        foreach (int k in new[] { 9, 20, 37 })
        {
            float[] a = new float[4 * k], b = new float[8 * k];
            System.Array.Fill(a, 1f);
            System.Array.Fill(b, 1f);
            for (int i = 0; i < 4; i++)
            {
                a[i * k + k - 5] = float.PositiveInfinity; // inside the overlap whatever the vector width
            }

            float[] c4 = new float[4 * 8], c1 = new float[8];
            Gemm.DotRows(a, k, b, k, c4, 8, 4, 8, k, accumulate: false);
            Gemm.DotRows(a, k, b, k, c1, 8, 1, 8, k, accumulate: false);
            Assert.All(c4, v => Assert.Equal(float.PositiveInfinity, v));
            Assert.All(c1, v => Assert.Equal(float.PositiveInfinity, v));
        }
    }

    [Fact]
    public void Shapes_ThatDoNotFit_AreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.DotRows(new float[10], 5, new float[10], 5, new float[4], 2, 2, 2, 6, false));
        Assert.Contains("Matrix a", e.Message);
        Assert.Throws<ArgumentException>(() => Gemm.AccumulateOuter(new float[4], 1, 2, new float[4], 2, new float[3], 2, 2, 2, 2));
    }

    [Fact]
    public void AccumulateOuter_RowsAtOffsets_MatchesLoops()
    {
        // B's rows at arbitrary, overlapping offsets (as the stride-1 convolution uses them), over sizes that hit the
        // 4-row and 2-vector blocks, the single-vector and masked tails and the scalar remainders.
        int seed = 5000;
        foreach (int m in new[] { 1, 3, 4, 6, 9, 16 })
        {
            foreach (int n in new[] { 1, 5, 16, 17, 40, 71, 136 })
            {
                foreach (int r in new[] { 1, 5, 25, 150 })
                {
                    int ldc = n + 2;
                    float[] a = NetworkNumericsTests.RandomValues(m * r, ++seed, 1f); // [m, r]: aRowStride 1, aColumnStride r
                    float[] b = NetworkNumericsTests.RandomValues(3 * r + n + 7, ++seed, 1f);
                    int[] offsets = new int[r];
                    for (int p = 0; p < r; p++)
                    {
                        offsets[p] = (p * 7 + p / 5 * 3) % (3 * r + 8); // out of order, overlapping
                    }

                    float[] c = NetworkNumericsTests.RandomValues(m * ldc, ++seed, 1f);
                    float[] before = (float[])c.Clone();
                    Gemm.AccumulateOuter(a, 1, r, b, offsets, c, ldc, m, n);
                    for (int i = 0; i < m; i++)
                    {
                        for (int j = 0; j < ldc; j++)
                        {
                            double expected = before[i * ldc + j];
                            if (j < n)
                            {
                                for (int p = 0; p < r; p++)
                                {
                                    expected += (double)a[i * r + p] * b[offsets[p] + j];
                                }
                            }

                            Assert.True(Math.Abs(expected - c[i * ldc + j]) <= 1e-5 * (1 + Math.Abs(expected)),
                                $"m {m} n {n} r {r}: C[{i},{j}] = {c[i * ldc + j]}, expected {expected}");
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void AccumulateOuter_RowOffsetOutsideB_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Gemm.AccumulateOuter(new float[4], 1, 2, new float[10], [0, 7], new float[8], 4, 2, 4));
        Assert.Contains("Row 1 of matrix b starts at offset 7", e.Message);
        Assert.Throws<ArgumentException>(() => Gemm.AccumulateOuter(new float[4], 1, 2, new float[10], [-1, 0], new float[8], 4, 2, 4));
    }
}
