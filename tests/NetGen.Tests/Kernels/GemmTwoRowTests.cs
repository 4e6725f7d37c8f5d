using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The two rows <see cref="Gemm.AccumulateOuter(ReadOnlySpan{float}, int, int, ReadOnlySpan{float}, int, Span{float}, int, int, int, int)"/>
/// leaves after its 4-row blocks (<c>m = 4k + 2</c>, <c>4k + 3</c>, as a convolution with 6 output channels has): each
/// row must come out bit for bit as when it is computed alone (<c>m = 1</c>), and close to a float64 loop, over widths
/// that hit the 4-vector and 1-vector blocks, the masked tail and the scalar path for narrow rows.
/// </summary>
public class GemmTwoRowTests
{
    private static readonly int[] Widths = [1, 5, 15, 16, 17, 31, 33, 48, 63, 64, 65, 70, 130, 892];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void StridedRows_TwoRowTail_BitIdenticalToRowsAlone(bool plain)
    {
        int seed = 7000;
        foreach (int m in new[] { 2, 3, 6, 7, 10 })
        {
            foreach (int n in Widths)
            {
                foreach (int r in new[] { 1, 3, 25 })
                {
                    int ldb = n + 1, ldc = n + 2;
                    int aRow = plain ? 1 : m, aCol = plain ? r : 1; // A [m, r] for C += A B, or [r, m] for C += Aᵀ B
                    float[] a = NetworkNumericsTests.RandomValues(m * r, ++seed, 1f);
                    float[] b = NetworkNumericsTests.RandomValues(r * ldb, ++seed, 1f);
                    float[] c0 = NetworkNumericsTests.RandomValues(m * ldc, ++seed, 1f);
                    float[] together = (float[])c0.Clone(), alone = (float[])c0.Clone();
                    Gemm.AccumulateOuter(a, aRow, aCol, b, ldb, together, ldc, m, n, r);
                    for (int i = 0; i < m; i++)
                    {
                        Gemm.AccumulateOuter(a.AsSpan(i * aCol), aRow, aCol, b, ldb, alone.AsSpan(i * ldc), ldc, 1, n, r);
                    }

                    string what = $"{(plain ? "A B" : "Aᵀ B")} m {m} n {n} r {r}";
                    AssertBitIdentical(alone, together, what);
                    AssertNearLoop(c0, together, i => i * aCol, aRow, (p, j) => b[p * ldb + j], a, m, n, r, ldc, what);
                }
            }
        }
    }

    [Fact]
    public void RowsAtOffsets_TwoRowTail_BitIdenticalToRowsAlone()
    {
        // The stride-1 convolution's use: 6 output channels over 25 taps of a padded 32 x 32 image (offsets overlap).
        int seed = 9000;
        foreach (int m in new[] { 2, 6, 7 })
        {
            foreach (int n in Widths)
            {
                const int r = 25, width = 32;
                int[] offsets = new int[r];
                for (int p = 0; p < r; p++)
                {
                    offsets[p] = p / 5 * width + p % 5;
                }

                int ldc = n + 3;
                float[] a = NetworkNumericsTests.RandomValues(m * r, ++seed, 1f);
                float[] b = NetworkNumericsTests.RandomValues(4 * width + 4 + n, ++seed, 1f);
                float[] c0 = NetworkNumericsTests.RandomValues(m * ldc, ++seed, 1f);
                float[] together = (float[])c0.Clone(), alone = (float[])c0.Clone();
                Gemm.AccumulateOuter(a, 1, r, b, offsets, together, ldc, m, n);
                for (int i = 0; i < m; i++)
                {
                    Gemm.AccumulateOuter(a.AsSpan(i * r), 1, r, b, offsets, alone.AsSpan(i * ldc), ldc, 1, n);
                }

                string what = $"offsets m {m} n {n}";
                AssertBitIdentical(alone, together, what);
                AssertNearLoop(c0, together, i => i * r, 1, (p, j) => b[offsets[p] + j], a, m, n, r, ldc, what);
            }
        }
    }

    private static void AssertBitIdentical(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"{what}: C[{i}] = {actual[i]} with all rows, {expected[i]} row by row");
        }
    }

    private static void AssertNearLoop(
        float[] c0, float[] actual, Func<int, int> aStart, int aRow, Func<int, int, float> b, float[] a, int m, int n, int r, int ldc, string what)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < ldc; j++)
            {
                double expected = c0[i * ldc + j];
                if (j < n)
                {
                    for (int p = 0; p < r; p++)
                    {
                        expected += (double)a[aStart(i) + p * aRow] * b(p, j);
                    }
                }

                Assert.True(Math.Abs(expected - actual[i * ldc + j]) <= 1e-5 * (1 + Math.Abs(expected)),
                    $"{what}: C[{i},{j}] = {actual[i * ldc + j]}, expected {expected}");
            }
        }
    }
}
