using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>
/// The two register-blocked matrix products every layer is built from. Both are written once over
/// <see cref="ISimd{TVector}"/> and run with 512-bit vectors where AVX-512 is accelerated, else 256-bit, else scalar.
/// Shapes and strides are checked once, before the loops.
/// </summary>
/// <remarks>
/// <see cref="DotRows"/> multiplies rows by rows (<c>C = A Bᵀ</c>, both contiguous along <c>k</c>): a 4x4 block of
/// outputs keeps 16 vector accumulators and reduces them once at the end. <c>AccumulateOuter</c> adds
/// <c>Aᵀ B</c> with <c>B</c>'s rows contiguous along the output: one broadcast of <c>A</c> times a row of <c>B</c> per
/// step, 4 rows x 2 vectors of accumulators, no horizontal sums; its second overload takes B's rows at arbitrary
/// offsets (a stride-1 convolution without unfolding). Dense and convolution layers use both, forward and backward.
/// Large products are split across threads by whole blocks (<see cref="Parallelism.MaxThreads"/>), which leaves every
/// element's summation order, and so the result, unchanged.
/// </remarks>
public static unsafe class Gemm
{
    /// <summary>
    /// The fewest multiply-adds worth splitting across threads (about 12 µs on one core): below this, handing
    /// freshly written operands from one core's cache to the other costs about what the second core saves.
    /// </summary>
    internal const long MinParallelWork = 1 << 19;

    /// <summary>
    /// A <see cref="DotRows"/> with a B of at least this many values (a layer's weights at a small batch) is split by
    /// columns of C whatever its work: each core then keeps its half of the weights in its own L2 cache between calls,
    /// which halves the memory traffic of the L2-bound batch-1 product (784x128: about 100,000 values).
    /// </summary>
    internal const long MinSplitWeights = 1 << 16;

    /// <summary>
    /// From this many multiply-adds on (about 100 µs), a product is cut into a few chunks per thread, so that a core
    /// slowed down by other processes leaves its remaining chunks to the others; below it, one chunk per thread keeps
    /// each core on the same part of the operands call after call.
    /// </summary>
    internal const long BalancedWork = 1 << 22;

    private const int RowGrain = 4, ColumnGrain = 8;

    /// <summary>
    /// <c>C[i, j] = (accumulate ? C[i, j] : 0) + sum over p &lt; k of A[i * lda + p] * B[j * ldb + p]</c> for
    /// <c>i &lt; m</c>, <c>j &lt; n</c>.
    /// </summary>
    public static void DotRows(
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, int m, int n, int k, bool accumulate)
    {
        CheckMatrix(a.Length, m, k, lda, 1, "a");
        CheckMatrix(b.Length, n, k, ldb, 1, "b");
        CheckMatrix(c.Length, m, n, ldc, 1, "c");
        if (m == 0 || n == 0)
        {
            return;
        }

        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rc = ref MemoryMarshal.GetReference(c);
        long work = (long)m * n * k;
        if ((work >= MinParallelWork || (m < 2 * RowGrain && (long)n * k >= MinSplitWeights)) && Parallelism.MaxThreads > 1)
        {
            // Whole 4-row blocks or 8-column blocks per thread: each element is computed by the same block code as on
            // one thread, so the result does not depend on the split. Split along the larger of A and B, so that each
            // thread reads only its part of it: by columns when B (a layer's weights) has at least as many rows as A
            // (the batch), which also tends to keep each thread on the same weights in the backward pass's weight
            // gradient and in a split optimizer step (the caller takes the front of every range, a worker the back).
            bool byRows = m >= 2 * RowGrain && (m > n || n < 2 * ColumnGrain);
            if (byRows || n >= 2 * ColumnGrain)
            {
                fixed (float* pa = &ra, pb = &rb, pc = &rc)
                {
                    var job = new DotRowsJob(pa, lda, pb, ldb, pc, ldc, m, n, k, accumulate, byRows);
                    KernelWorkers.Run(ref job, byRows ? m : n, byRows ? RowGrain : ColumnGrain, MaxParts(work));
                }

                return;
            }
        }

        DotRowsCore(ref ra, lda, ref rb, ldb, ref rc, ldc, m, n, k, accumulate);
    }

    /// <summary>The body of <see cref="DotRows"/> after its checks, on the calling thread.</summary>
    private static void DotRowsCore(ref float ra, int lda, ref float rb, int ldb, ref float rc, int ldc, int m, int n, int k, bool accumulate)
    {
        if (Vector512.IsHardwareAccelerated)
        {
            DotRows<Vector512<float>, Simd512>(ref ra, lda, ref rb, ldb, ref rc, ldc, m, n, k, accumulate);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            DotRows<Vector256<float>, Simd256>(ref ra, lda, ref rb, ldb, ref rc, ldc, m, n, k, accumulate);
        }
        else
        {
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    float sum = accumulate ? Unsafe.Add(ref rc, i * ldc + j) : 0f;
                    for (int p = 0; p < k; p++)
                    {
                        sum += Unsafe.Add(ref ra, i * lda + p) * Unsafe.Add(ref rb, j * ldb + p);
                    }

                    Unsafe.Add(ref rc, i * ldc + j) = sum;
                }
            }
        }
    }

    /// <summary>
    /// <c>C[i, j] += sum over p &lt; r of A[p * aRowStride + i * aColumnStride] * B[p * ldb + j]</c> for <c>i &lt; m</c>,
    /// <c>j &lt; n</c>. With <c>aRowStride = 1, aColumnStride = lda</c> this is <c>C += A B</c>; with
    /// <c>aRowStride = lda, aColumnStride = 1</c> it is <c>C += Aᵀ B</c>.
    /// </summary>
    public static void AccumulateOuter(
        ReadOnlySpan<float> a, int aRowStride, int aColumnStride, ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, int m, int n, int r)
    {
        CheckMatrix(a.Length, r, m, aRowStride, aColumnStride, "a");
        CheckMatrix(b.Length, r, n, ldb, 1, "b");
        CheckMatrix(c.Length, m, n, ldc, 1, "c");
        if (m == 0 || n == 0 || r == 0)
        {
            return;
        }

        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rc = ref MemoryMarshal.GetReference(c);
        AccumulateOuterSplit(ref ra, aRowStride, aColumnStride, ref rb, new StridedRows(ldb), ref rc, ldc, m, n, r);
    }

    /// <summary>
    /// <c>C[i, j] += sum over p &lt; r of A[p * aRowStride + i * aColumnStride] * B[bRowOffsets[p] + j]</c> for
    /// <c>i &lt; m</c>, <c>j &lt; n</c>, <c>r = bRowOffsets.Length</c>: <see cref="AccumulateOuter(ReadOnlySpan{float}, int, int, ReadOnlySpan{float}, int, Span{float}, int, int, int, int)"/>
    /// with the rows of B anywhere in <paramref name="b"/>, overlapping or not. With offsets
    /// <c>c (H + 2 pad) (W + 2 pad) + ky (W + 2 pad) + kx</c> into a padded image this is a stride-1 convolution
    /// evaluated over the padded width, with no unfolded copy of the image.
    /// </summary>
    public static void AccumulateOuter(
        ReadOnlySpan<float> a, int aRowStride, int aColumnStride, ReadOnlySpan<float> b, ReadOnlySpan<int> bRowOffsets, Span<float> c, int ldc, int m, int n)
    {
        int r = bRowOffsets.Length;
        CheckMatrix(a.Length, r, m, aRowStride, aColumnStride, "a");
        CheckMatrix(c.Length, m, n, ldc, 1, "c");
        if (n > 0)
        {
            for (int p = 0; p < r; p++)
            {
                if (bRowOffsets[p] < 0 || (long)bRowOffsets[p] + n > b.Length)
                {
                    throw new ArgumentException(
                        $"Row {p} of matrix b starts at offset {bRowOffsets[p]}, but {n} values from there do not fit in the buffer of {b.Length} values.", nameof(bRowOffsets));
                }
            }
        }

        if (m == 0 || n == 0 || r == 0)
        {
            return;
        }

        fixed (int* offsets = bRowOffsets)
        {
            AccumulateOuterSplit(
                ref MemoryMarshal.GetReference(a), aRowStride, aColumnStride, ref MemoryMarshal.GetReference(b), new OffsetRows(offsets),
                ref MemoryMarshal.GetReference(c), ldc, m, n, r);
        }
    }

    /// <summary>
    /// <c>C[i, j] = (accumulate ? C[i, j] : 0) + sum over s &lt; segments, q &lt; k of
    /// A[i * lda + s * aSegmentStride + q] * B[bRowOffsets[j] + s * bSegmentStride + q]</c> for <c>i &lt; m</c>,
    /// <c>j &lt; n = bRowOffsets.Length</c>: <see cref="DotRows"/> over rows made of <paramref name="segments"/> runs of
    /// <paramref name="k"/> values each, B's rows at arbitrary offsets, every output reduced once after all segments.
    /// With A the output gradients of a few samples laid out over the padded width and B's rows at the kernel taps of
    /// their zero-padded images, this is the weight gradient of a stride-1 convolution with no unfolded copy.
    /// Runs on the calling thread.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void DotRowsSegmented(
        ReadOnlySpan<float> a, int lda, int aSegmentStride, ReadOnlySpan<float> b, ReadOnlySpan<int> bRowOffsets, int bSegmentStride,
        Span<float> c, int ldc, int m, int k, int segments, bool accumulate)
    {
        int n = bRowOffsets.Length;
        if (m < 0 || k < 0 || segments < 0 || lda < 0 || aSegmentStride < 0 || bSegmentStride < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(m), $"DotRowsSegmented: sizes and strides must not be negative; got m {m}, k {k}, segments {segments}, " +
                $"lda {lda}, aSegmentStride {aSegmentStride}, bSegmentStride {bSegmentStride}.");
        }

        CheckMatrix(c.Length, m, n, ldc, 1, "c");
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0 || segments == 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    c.Slice(i * ldc, n).Clear();
                }
            }

            return;
        }

        long lastA = (long)(m - 1) * lda + (long)(segments - 1) * aSegmentStride + k - 1;
        if (lastA >= a.Length)
        {
            throw new ArgumentException(
                $"Matrix a of {m} rows (lda {lda}) with {segments} segments of {k} values {aSegmentStride} apart reaches index {lastA}, " +
                $"but the buffer holds {a.Length} values.", nameof(a));
        }

        long span = (long)(segments - 1) * bSegmentStride + k;
        for (int j = 0; j < n; j++)
        {
            if (bRowOffsets[j] < 0 || bRowOffsets[j] + span > b.Length)
            {
                throw new ArgumentException(
                    $"Row {j} of matrix b starts at offset {bRowOffsets[j]}, but its {segments} segments of {k} values {bSegmentStride} apart " +
                    $"do not fit in the buffer of {b.Length} values.", nameof(bRowOffsets));
            }
        }

        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rc = ref MemoryMarshal.GetReference(c);
        fixed (int* offsets = bRowOffsets)
        {
            if (Vector512.IsHardwareAccelerated && k >= Vector512<float>.Count)
            {
                DotRowsSegmented<Vector512<float>, Simd512>(ref ra, lda, aSegmentStride, ref rb, offsets, bSegmentStride, ref rc, ldc, m, n, k, segments, accumulate);
            }
            else if (Vector256.IsHardwareAccelerated && k >= Vector256<float>.Count)
            {
                DotRowsSegmented<Vector256<float>, Simd256>(ref ra, lda, aSegmentStride, ref rb, offsets, bSegmentStride, ref rc, ldc, m, n, k, segments, accumulate);
            }
            else
            {
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        float sum = 0f;
                        for (int s = 0; s < segments; s++)
                        {
                            ref float ai = ref Unsafe.Add(ref ra, i * lda + s * aSegmentStride);
                            ref float bj = ref Unsafe.Add(ref rb, offsets[j] + s * bSegmentStride);
                            for (int q = 0; q < k; q++)
                            {
                                sum += Unsafe.Add(ref ai, q) * Unsafe.Add(ref bj, q);
                            }
                        }

                        ref float cij = ref Unsafe.Add(ref rc, i * ldc + j);
                        cij = accumulate ? cij + sum : sum;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The vector body of <see cref="DotRowsSegmented"/> for <c>k &gt;= TS.Count</c>: 4x4 blocks of outputs, then
    /// 4x1 and 1x4 edges (four independent accumulator chains each), then single outputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DotRowsSegmented<TV, TS>(
        ref float a, int lda, int aSeg, ref float b, int* offsets, int bSeg, ref float c, int ldc, int m, int n, int k, int segments, bool accumulate)
        where TV : struct
        where TS : ISimd<TV>
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref float ai = ref Unsafe.Add(ref a, i * lda);
            ref float ci = ref Unsafe.Add(ref c, i * ldc);
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                SegmentedBlock4x4<TV, TS>(ref ai, lda, aSeg, ref b, offsets + j, bSeg, ref Unsafe.Add(ref ci, j), ldc, k, segments, accumulate);
            }

            for (; j < n; j++)
            {
                // Four rows of A against one row of B.
                SegmentedBlock1x4<TV, TS>(
                    ref Unsafe.Add(ref b, offsets[j]), bSeg, ref ai, ref Unsafe.Add(ref ai, lda), ref Unsafe.Add(ref ai, 2 * lda),
                    ref Unsafe.Add(ref ai, 3 * lda), aSeg, ref Unsafe.Add(ref ci, j), ldc, k, segments, accumulate);
            }
        }

        for (; i < m; i++)
        {
            ref float ai = ref Unsafe.Add(ref a, i * lda);
            ref float ci = ref Unsafe.Add(ref c, i * ldc);
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                SegmentedBlock1x4<TV, TS>(
                    ref ai, aSeg, ref Unsafe.Add(ref b, offsets[j]), ref Unsafe.Add(ref b, offsets[j + 1]), ref Unsafe.Add(ref b, offsets[j + 2]),
                    ref Unsafe.Add(ref b, offsets[j + 3]), bSeg, ref Unsafe.Add(ref ci, j), 1, k, segments, accumulate);
            }

            for (; j < n; j++)
            {
                TV acc = TS.Zero;
                for (int s = 0; s < segments; s++)
                {
                    ref float x = ref Unsafe.Add(ref ai, s * aSeg);
                    ref float y = ref Unsafe.Add(ref b, offsets[j] + s * bSeg);
                    int v = TS.Count, q = 0;
                    for (; q + v <= k; q += v)
                    {
                        acc = TS.MultiplyAdd(TS.Load(ref Unsafe.Add(ref x, q)), TS.Load(ref Unsafe.Add(ref y, q)), acc);
                    }

                    if (q < k)
                    {
                        int start = k - v;
                        TV mask = TS.TailMask(q - start);
                        acc = TS.MultiplyAdd(TS.And(TS.Load(ref Unsafe.Add(ref x, start)), mask), TS.And(TS.Load(ref Unsafe.Add(ref y, start)), mask), acc);
                    }
                }

                ref float cij = ref Unsafe.Add(ref ci, j);
                float sum = TS.Sum(acc);
                cij = accumulate ? cij + sum : sum;
            }
        }
    }

    /// <summary>Four rows of A against four rows of B over all segments: 16 accumulators, one reduction each at the end.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SegmentedBlock4x4<TV, TS>(
        ref float a, int lda, int aSeg, ref float b, int* offsets, int bSeg, ref float c, int ldc, int k, int segments, bool accumulate)
        where TV : struct
        where TS : ISimd<TV>
    {
        TV c00 = TS.Zero, c01 = TS.Zero, c02 = TS.Zero, c03 = TS.Zero;
        TV c10 = TS.Zero, c11 = TS.Zero, c12 = TS.Zero, c13 = TS.Zero;
        TV c20 = TS.Zero, c21 = TS.Zero, c22 = TS.Zero, c23 = TS.Zero;
        TV c30 = TS.Zero, c31 = TS.Zero, c32 = TS.Zero, c33 = TS.Zero;
        int v = TS.Count, start = k - v, tail = k % v;
        TV mask = TS.TailMask(v - tail);
        for (int s = 0; s < segments; s++)
        {
            ref float a0 = ref Unsafe.Add(ref a, s * aSeg), a1 = ref Unsafe.Add(ref a0, lda), a2 = ref Unsafe.Add(ref a0, 2 * lda), a3 = ref Unsafe.Add(ref a0, 3 * lda);
            int bs = s * bSeg;
            ref float b0 = ref Unsafe.Add(ref b, offsets[0] + bs), b1 = ref Unsafe.Add(ref b, offsets[1] + bs);
            ref float b2 = ref Unsafe.Add(ref b, offsets[2] + bs), b3 = ref Unsafe.Add(ref b, offsets[3] + bs);
            for (int p = 0; p + v <= k; p += v)
            {
                TV x0 = TS.Load(ref Unsafe.Add(ref a0, p)), x1 = TS.Load(ref Unsafe.Add(ref a1, p));
                TV x2 = TS.Load(ref Unsafe.Add(ref a2, p)), x3 = TS.Load(ref Unsafe.Add(ref a3, p));
                TV y = TS.Load(ref Unsafe.Add(ref b0, p));
                c00 = TS.MultiplyAdd(x0, y, c00); c10 = TS.MultiplyAdd(x1, y, c10); c20 = TS.MultiplyAdd(x2, y, c20); c30 = TS.MultiplyAdd(x3, y, c30);
                y = TS.Load(ref Unsafe.Add(ref b1, p));
                c01 = TS.MultiplyAdd(x0, y, c01); c11 = TS.MultiplyAdd(x1, y, c11); c21 = TS.MultiplyAdd(x2, y, c21); c31 = TS.MultiplyAdd(x3, y, c31);
                y = TS.Load(ref Unsafe.Add(ref b2, p));
                c02 = TS.MultiplyAdd(x0, y, c02); c12 = TS.MultiplyAdd(x1, y, c12); c22 = TS.MultiplyAdd(x2, y, c22); c32 = TS.MultiplyAdd(x3, y, c32);
                y = TS.Load(ref Unsafe.Add(ref b3, p));
                c03 = TS.MultiplyAdd(x0, y, c03); c13 = TS.MultiplyAdd(x1, y, c13); c23 = TS.MultiplyAdd(x2, y, c23); c33 = TS.MultiplyAdd(x3, y, c33);
            }

            if (tail != 0)
            {
                // The last values of the segment as one vector overlapping what was summed, the overlap masked to zero
                // in both operands.
                TV x0 = TS.And(TS.Load(ref Unsafe.Add(ref a0, start)), mask), x1 = TS.And(TS.Load(ref Unsafe.Add(ref a1, start)), mask);
                TV x2 = TS.And(TS.Load(ref Unsafe.Add(ref a2, start)), mask), x3 = TS.And(TS.Load(ref Unsafe.Add(ref a3, start)), mask);
                TV y = TS.And(TS.Load(ref Unsafe.Add(ref b0, start)), mask);
                c00 = TS.MultiplyAdd(x0, y, c00); c10 = TS.MultiplyAdd(x1, y, c10); c20 = TS.MultiplyAdd(x2, y, c20); c30 = TS.MultiplyAdd(x3, y, c30);
                y = TS.And(TS.Load(ref Unsafe.Add(ref b1, start)), mask);
                c01 = TS.MultiplyAdd(x0, y, c01); c11 = TS.MultiplyAdd(x1, y, c11); c21 = TS.MultiplyAdd(x2, y, c21); c31 = TS.MultiplyAdd(x3, y, c31);
                y = TS.And(TS.Load(ref Unsafe.Add(ref b2, start)), mask);
                c02 = TS.MultiplyAdd(x0, y, c02); c12 = TS.MultiplyAdd(x1, y, c12); c22 = TS.MultiplyAdd(x2, y, c22); c32 = TS.MultiplyAdd(x3, y, c32);
                y = TS.And(TS.Load(ref Unsafe.Add(ref b3, start)), mask);
                c03 = TS.MultiplyAdd(x0, y, c03); c13 = TS.MultiplyAdd(x1, y, c13); c23 = TS.MultiplyAdd(x2, y, c23); c33 = TS.MultiplyAdd(x3, y, c33);
            }
        }

        StoreSum<TV, TS>(c00, ref c, accumulate); StoreSum<TV, TS>(c01, ref Unsafe.Add(ref c, 1), accumulate);
        StoreSum<TV, TS>(c02, ref Unsafe.Add(ref c, 2), accumulate); StoreSum<TV, TS>(c03, ref Unsafe.Add(ref c, 3), accumulate);
        ref float c1 = ref Unsafe.Add(ref c, ldc);
        StoreSum<TV, TS>(c10, ref c1, accumulate); StoreSum<TV, TS>(c11, ref Unsafe.Add(ref c1, 1), accumulate);
        StoreSum<TV, TS>(c12, ref Unsafe.Add(ref c1, 2), accumulate); StoreSum<TV, TS>(c13, ref Unsafe.Add(ref c1, 3), accumulate);
        ref float c2 = ref Unsafe.Add(ref c, 2 * ldc);
        StoreSum<TV, TS>(c20, ref c2, accumulate); StoreSum<TV, TS>(c21, ref Unsafe.Add(ref c2, 1), accumulate);
        StoreSum<TV, TS>(c22, ref Unsafe.Add(ref c2, 2), accumulate); StoreSum<TV, TS>(c23, ref Unsafe.Add(ref c2, 3), accumulate);
        ref float c3 = ref Unsafe.Add(ref c, 3 * ldc);
        StoreSum<TV, TS>(c30, ref c3, accumulate); StoreSum<TV, TS>(c31, ref Unsafe.Add(ref c3, 1), accumulate);
        StoreSum<TV, TS>(c32, ref Unsafe.Add(ref c3, 2), accumulate); StoreSum<TV, TS>(c33, ref Unsafe.Add(ref c3, 3), accumulate);
    }

    /// <summary>
    /// One segmented row (<paramref name="x"/>) against four (<paramref name="y0"/> to <paramref name="y3"/>), over
    /// all segments: four independent accumulator chains, the sums stored <paramref name="step"/> apart from
    /// <paramref name="c"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SegmentedBlock1x4<TV, TS>(
        ref float x, int xSeg, ref float y0, ref float y1, ref float y2, ref float y3, int ySeg, ref float c, int step, int k, int segments,
        bool accumulate)
        where TV : struct
        where TS : ISimd<TV>
    {
        TV s0 = TS.Zero, s1 = TS.Zero, s2 = TS.Zero, s3 = TS.Zero;
        int v = TS.Count, start = k - v, tail = k % v;
        TV mask = TS.TailMask(v - tail);
        for (int s = 0; s < segments; s++)
        {
            ref float xs = ref Unsafe.Add(ref x, s * xSeg);
            int ys = s * ySeg;
            ref float z0 = ref Unsafe.Add(ref y0, ys), z1 = ref Unsafe.Add(ref y1, ys), z2 = ref Unsafe.Add(ref y2, ys), z3 = ref Unsafe.Add(ref y3, ys);
            for (int p = 0; p + v <= k; p += v)
            {
                TV u = TS.Load(ref Unsafe.Add(ref xs, p));
                s0 = TS.MultiplyAdd(u, TS.Load(ref Unsafe.Add(ref z0, p)), s0);
                s1 = TS.MultiplyAdd(u, TS.Load(ref Unsafe.Add(ref z1, p)), s1);
                s2 = TS.MultiplyAdd(u, TS.Load(ref Unsafe.Add(ref z2, p)), s2);
                s3 = TS.MultiplyAdd(u, TS.Load(ref Unsafe.Add(ref z3, p)), s3);
            }

            if (tail != 0)
            {
                TV u = TS.And(TS.Load(ref Unsafe.Add(ref xs, start)), mask);
                s0 = TS.MultiplyAdd(u, TS.And(TS.Load(ref Unsafe.Add(ref z0, start)), mask), s0);
                s1 = TS.MultiplyAdd(u, TS.And(TS.Load(ref Unsafe.Add(ref z1, start)), mask), s1);
                s2 = TS.MultiplyAdd(u, TS.And(TS.Load(ref Unsafe.Add(ref z2, start)), mask), s2);
                s3 = TS.MultiplyAdd(u, TS.And(TS.Load(ref Unsafe.Add(ref z3, start)), mask), s3);
            }
        }

        StoreSum<TV, TS>(s0, ref c, accumulate);
        StoreSum<TV, TS>(s1, ref Unsafe.Add(ref c, step), accumulate);
        StoreSum<TV, TS>(s2, ref Unsafe.Add(ref c, 2 * step), accumulate);
        StoreSum<TV, TS>(s3, ref Unsafe.Add(ref c, 3 * step), accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSum<TV, TS>(TV sum, ref float c, bool accumulate)
        where TV : struct
        where TS : ISimd<TV>
    {
        float s = TS.Sum(sum);
        c = accumulate ? c + s : s;
    }

    /// <summary>One chunk per thread below <see cref="BalancedWork"/>, else as many as <see cref="KernelWorkers"/> allows.</summary>
    internal static int MaxParts(long work) => work >= BalancedWork ? int.MaxValue : Parallelism.MaxThreads;

    /// <summary>Both <c>AccumulateOuter</c>s after their checks: split across threads when large, else the calling thread.</summary>
    private static void AccumulateOuterSplit<TRows>(
        ref float ra, int aRowStride, int aColumnStride, ref float rb, TRows rowsB, ref float rc, int ldc, int m, int n, int r)
        where TRows : struct, IRowOffsets
    {
        long work = (long)m * n * r;
        if (work >= MinParallelWork && m >= 2 * RowGrain && Parallelism.MaxThreads > 1)
        {
            // Whole 4-row blocks per thread, each row summed over p in the same order as on one thread.
            fixed (float* pa = &ra, pb = &rb, pc = &rc)
            {
                var job = new AccumulateOuterJob<TRows>(pa, aRowStride, aColumnStride, pb, rowsB, pc, ldc, n, r);
                KernelWorkers.Run(ref job, m, RowGrain, MaxParts(work));
            }

            return;
        }

        AccumulateOuterCore(ref ra, aRowStride, aColumnStride, ref rb, rowsB, ref rc, ldc, m, n, r);
    }

    /// <summary>The body of the <c>AccumulateOuter</c>s after their checks, on the calling thread.</summary>
    private static void AccumulateOuterCore<TRows>(
        ref float ra, int aRowStride, int aColumnStride, ref float rb, TRows rowsB, ref float rc, int ldc, int m, int n, int r)
        where TRows : struct, IRowOffsets
    {
        if (Vector512.IsHardwareAccelerated)
        {
            AccumulateOuter<Vector512<float>, Simd512, TRows>(ref ra, aRowStride, aColumnStride, ref rb, rowsB, ref rc, ldc, m, n, r);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            AccumulateOuter<Vector256<float>, Simd256, TRows>(ref ra, aRowStride, aColumnStride, ref rb, rowsB, ref rc, ldc, m, n, r);
        }
        else
        {
            for (int i = 0; i < m; i++)
            {
                for (int p = 0; p < r; p++)
                {
                    float s = Unsafe.Add(ref ra, p * aRowStride + i * aColumnStride);
                    for (int j = 0; j < n; j++)
                    {
                        Unsafe.Add(ref rc, i * ldc + j) += s * Unsafe.Add(ref rb, rowsB.Offset(p) + j);
                    }
                }
            }
        }
    }

    private static void DotRows<TV, TS>(
        ref float a, int lda, ref float b, int ldb, ref float c, int ldc, int m, int n, int k, bool accumulate)
        where TV : struct
        where TS : ISimd<TV>
    {
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            for (; j + 4 <= n; j += 4)
            {
                Block4x4<TV, TS>(ref Unsafe.Add(ref a, i * lda), lda, ref Unsafe.Add(ref b, j * ldb), ldb, ref Unsafe.Add(ref c, i * ldc + j), ldc, k, accumulate);
            }

            for (; j < n; j++)
            {
                for (int ii = 0; ii < 4; ii++)
                {
                    ref float cij = ref Unsafe.Add(ref c, (i + ii) * ldc + j);
                    float dot = Dot<TV, TS>(ref Unsafe.Add(ref a, (i + ii) * lda), ref Unsafe.Add(ref b, j * ldb), k);
                    cij = accumulate ? cij + dot : dot;
                }
            }
        }

        for (; i < m; i++)
        {
            int j = 0;
            for (; j + 8 <= n; j += 8)
            {
                Block1x8<TV, TS>(ref Unsafe.Add(ref a, i * lda), ref Unsafe.Add(ref b, j * ldb), ldb, ref Unsafe.Add(ref c, i * ldc + j), k, accumulate);
            }

            for (; j < n; j++)
            {
                ref float cij = ref Unsafe.Add(ref c, i * ldc + j);
                float dot = Dot<TV, TS>(ref Unsafe.Add(ref a, i * lda), ref Unsafe.Add(ref b, j * ldb), k);
                cij = accumulate ? cij + dot : dot;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot<TV, TS>(ref float a, ref float b, int k)
        where TV : struct
        where TS : ISimd<TV>
    {
        int v = TS.Count, p = 0;
        TV acc = TS.Zero;
        for (; p + v <= k; p += v)
        {
            acc = TS.MultiplyAdd(TS.Load(ref Unsafe.Add(ref a, p)), TS.Load(ref Unsafe.Add(ref b, p)), acc);
        }

        if (p < k && k >= v)
        {
            int start = k - v;
            TV mask = TS.TailMask(p - start);
            acc = TS.MultiplyAdd(TS.And(TS.Load(ref Unsafe.Add(ref a, start)), mask), TS.And(TS.Load(ref Unsafe.Add(ref b, start)), mask), acc);
            p = k;
        }

        float sum = Sums.Of1(TS.Fold(acc)); // the order of Block4x4's and Block1x8's sums
        for (; p < k; p++)
        {
            sum += Unsafe.Add(ref a, p) * Unsafe.Add(ref b, p);
        }

        return sum;
    }

    /// <summary>Four rows of A against four rows of B: 16 accumulators, one reduction each at the end.</summary>
    private static void Block4x4<TV, TS>(ref float a, int lda, ref float b, int ldb, ref float c, int ldc, int k, bool accumulate)
        where TV : struct
        where TS : ISimd<TV>
    {
        TV c00 = TS.Zero, c01 = TS.Zero, c02 = TS.Zero, c03 = TS.Zero;
        TV c10 = TS.Zero, c11 = TS.Zero, c12 = TS.Zero, c13 = TS.Zero;
        TV c20 = TS.Zero, c21 = TS.Zero, c22 = TS.Zero, c23 = TS.Zero;
        TV c30 = TS.Zero, c31 = TS.Zero, c32 = TS.Zero, c33 = TS.Zero;
        ref float a0 = ref a, a1 = ref Unsafe.Add(ref a, lda), a2 = ref Unsafe.Add(ref a, 2 * lda), a3 = ref Unsafe.Add(ref a, 3 * lda);
        ref float b0 = ref b, b1 = ref Unsafe.Add(ref b, ldb), b2 = ref Unsafe.Add(ref b, 2 * ldb), b3 = ref Unsafe.Add(ref b, 3 * ldb);
        int v = TS.Count, p = 0;
        for (; p + v <= k; p += v)
        {
            TV x0 = TS.Load(ref Unsafe.Add(ref a0, p)), x1 = TS.Load(ref Unsafe.Add(ref a1, p));
            TV x2 = TS.Load(ref Unsafe.Add(ref a2, p)), x3 = TS.Load(ref Unsafe.Add(ref a3, p));
            TV y = TS.Load(ref Unsafe.Add(ref b0, p));
            c00 = TS.MultiplyAdd(x0, y, c00); c10 = TS.MultiplyAdd(x1, y, c10); c20 = TS.MultiplyAdd(x2, y, c20); c30 = TS.MultiplyAdd(x3, y, c30);
            y = TS.Load(ref Unsafe.Add(ref b1, p));
            c01 = TS.MultiplyAdd(x0, y, c01); c11 = TS.MultiplyAdd(x1, y, c11); c21 = TS.MultiplyAdd(x2, y, c21); c31 = TS.MultiplyAdd(x3, y, c31);
            y = TS.Load(ref Unsafe.Add(ref b2, p));
            c02 = TS.MultiplyAdd(x0, y, c02); c12 = TS.MultiplyAdd(x1, y, c12); c22 = TS.MultiplyAdd(x2, y, c22); c32 = TS.MultiplyAdd(x3, y, c32);
            y = TS.Load(ref Unsafe.Add(ref b3, p));
            c03 = TS.MultiplyAdd(x0, y, c03); c13 = TS.MultiplyAdd(x1, y, c13); c23 = TS.MultiplyAdd(x2, y, c23); c33 = TS.MultiplyAdd(x3, y, c33);
        }

        if (p < k && k >= v)
        {
            // The last few k as one vector overlapping what was summed, the overlap masked to zero
            // in both operands (so that an infinity there cannot turn into 0 * inf = NaN).
            int start = k - v;
            TV mask = TS.TailMask(p - start);
            TV x0 = TS.And(TS.Load(ref Unsafe.Add(ref a0, start)), mask), x1 = TS.And(TS.Load(ref Unsafe.Add(ref a1, start)), mask);
            TV x2 = TS.And(TS.Load(ref Unsafe.Add(ref a2, start)), mask), x3 = TS.And(TS.Load(ref Unsafe.Add(ref a3, start)), mask);
            TV y = TS.And(TS.Load(ref Unsafe.Add(ref b0, start)), mask);
            c00 = TS.MultiplyAdd(x0, y, c00); c10 = TS.MultiplyAdd(x1, y, c10); c20 = TS.MultiplyAdd(x2, y, c20); c30 = TS.MultiplyAdd(x3, y, c30);
            y = TS.And(TS.Load(ref Unsafe.Add(ref b1, start)), mask);
            c01 = TS.MultiplyAdd(x0, y, c01); c11 = TS.MultiplyAdd(x1, y, c11); c21 = TS.MultiplyAdd(x2, y, c21); c31 = TS.MultiplyAdd(x3, y, c31);
            y = TS.And(TS.Load(ref Unsafe.Add(ref b2, start)), mask);
            c02 = TS.MultiplyAdd(x0, y, c02); c12 = TS.MultiplyAdd(x1, y, c12); c22 = TS.MultiplyAdd(x2, y, c22); c32 = TS.MultiplyAdd(x3, y, c32);
            y = TS.And(TS.Load(ref Unsafe.Add(ref b3, start)), mask);
            c03 = TS.MultiplyAdd(x0, y, c03); c13 = TS.MultiplyAdd(x1, y, c13); c23 = TS.MultiplyAdd(x2, y, c23); c33 = TS.MultiplyAdd(x3, y, c33);
            p = k;
        }

        Span<float> sums = stackalloc float[16];
        Sums.Of8(TS.Fold(c00), TS.Fold(c01), TS.Fold(c02), TS.Fold(c03), TS.Fold(c10), TS.Fold(c11), TS.Fold(c12), TS.Fold(c13))
            .CopyTo(sums);
        Sums.Of8(TS.Fold(c20), TS.Fold(c21), TS.Fold(c22), TS.Fold(c23), TS.Fold(c30), TS.Fold(c31), TS.Fold(c32), TS.Fold(c33))
            .CopyTo(sums.Slice(8));
        for (int ii = 0; ii < 4; ii++)
        {
            ref float ai = ref Unsafe.Add(ref a, ii * lda);
            for (int jj = 0; jj < 4; jj++)
            {
                ref float bj = ref Unsafe.Add(ref b, jj * ldb);
                float sum = sums[ii * 4 + jj];
                for (int q = p; q < k; q++)
                {
                    sum += Unsafe.Add(ref ai, q) * Unsafe.Add(ref bj, q);
                }

                ref float cij = ref Unsafe.Add(ref c, ii * ldc + jj);
                cij = accumulate ? cij + sum : sum;
            }
        }
    }

    /// <summary>One row of A against eight rows of B: eight independent accumulator chains.</summary>
    private static void Block1x8<TV, TS>(ref float a, ref float b, int ldb, ref float c, int k, bool accumulate)
        where TV : struct
        where TS : ISimd<TV>
    {
        TV c0 = TS.Zero, c1 = TS.Zero, c2 = TS.Zero, c3 = TS.Zero, c4 = TS.Zero, c5 = TS.Zero, c6 = TS.Zero, c7 = TS.Zero;
        int v = TS.Count, p = 0;
        for (; p + v <= k; p += v)
        {
            TV x = TS.Load(ref Unsafe.Add(ref a, p));
            c0 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref b, p)), c0);
            c1 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref b, ldb + p)), c1);
            c2 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref b, 2 * ldb + p)), c2);
            c3 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref b, 3 * ldb + p)), c3);
            c4 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref b, 4 * ldb + p)), c4);
            c5 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref b, 5 * ldb + p)), c5);
            c6 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref b, 6 * ldb + p)), c6);
            c7 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref b, 7 * ldb + p)), c7);
        }

        if (p < k && k >= v)
        {
            int start = k - v;
            TV mask = TS.TailMask(p - start);
            TV x = TS.And(TS.Load(ref Unsafe.Add(ref a, start)), mask);
            c0 = TS.MultiplyAdd(x, TS.And(TS.Load(ref Unsafe.Add(ref b, start)), mask), c0);
            c1 = TS.MultiplyAdd(x, TS.And(TS.Load(ref Unsafe.Add(ref b, ldb + start)), mask), c1);
            c2 = TS.MultiplyAdd(x, TS.And(TS.Load(ref Unsafe.Add(ref b, 2 * ldb + start)), mask), c2);
            c3 = TS.MultiplyAdd(x, TS.And(TS.Load(ref Unsafe.Add(ref b, 3 * ldb + start)), mask), c3);
            c4 = TS.MultiplyAdd(x, TS.And(TS.Load(ref Unsafe.Add(ref b, 4 * ldb + start)), mask), c4);
            c5 = TS.MultiplyAdd(x, TS.And(TS.Load(ref Unsafe.Add(ref b, 5 * ldb + start)), mask), c5);
            c6 = TS.MultiplyAdd(x, TS.And(TS.Load(ref Unsafe.Add(ref b, 6 * ldb + start)), mask), c6);
            c7 = TS.MultiplyAdd(x, TS.And(TS.Load(ref Unsafe.Add(ref b, 7 * ldb + start)), mask), c7);
            p = k;
        }

        Span<float> sums = stackalloc float[8];
        Sums.Of8(TS.Fold(c0), TS.Fold(c1), TS.Fold(c2), TS.Fold(c3), TS.Fold(c4), TS.Fold(c5), TS.Fold(c6), TS.Fold(c7)).CopyTo(sums);
        for (int jj = 0; jj < 8; jj++)
        {
            ref float bj = ref Unsafe.Add(ref b, jj * ldb);
            float sum = sums[jj];
            for (int q = p; q < k; q++)
            {
                sum += Unsafe.Add(ref a, q) * Unsafe.Add(ref bj, q);
            }

            ref float cj = ref Unsafe.Add(ref c, jj);
            cj = accumulate ? cj + sum : sum;
        }
    }

    private static void AccumulateOuter<TV, TS, TRows>(
        ref float a, int aRow, int aCol, ref float b, TRows rowsB, ref float c, int ldc, int m, int n, int r)
        where TV : struct
        where TS : ISimd<TV>
        where TRows : struct, IRowOffsets
    {
        int v = TS.Count;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            ref float ai = ref Unsafe.Add(ref a, i * aCol);
            ref float ci = ref Unsafe.Add(ref c, i * ldc);
            int j = 0;
            for (; j + 2 * v <= n; j += 2 * v)
            {
                ref float c0 = ref Unsafe.Add(ref ci, j);
                ref float c1 = ref Unsafe.Add(ref ci, ldc + j);
                ref float c2 = ref Unsafe.Add(ref ci, 2 * ldc + j);
                ref float c3 = ref Unsafe.Add(ref ci, 3 * ldc + j);
                TV s00 = TS.Load(ref c0), s01 = TS.Load(ref Unsafe.Add(ref c0, v));
                TV s10 = TS.Load(ref c1), s11 = TS.Load(ref Unsafe.Add(ref c1, v));
                TV s20 = TS.Load(ref c2), s21 = TS.Load(ref Unsafe.Add(ref c2, v));
                TV s30 = TS.Load(ref c3), s31 = TS.Load(ref Unsafe.Add(ref c3, v));
                for (int p = 0; p < r; p++)
                {
                    ref float bp = ref Unsafe.Add(ref b, rowsB.Offset(p) + j);
                    TV y0 = TS.Load(ref bp), y1 = TS.Load(ref Unsafe.Add(ref bp, v));
                    ref float ap = ref Unsafe.Add(ref ai, p * aRow);
                    TV x = TS.Broadcast(ap);
                    s00 = TS.MultiplyAdd(x, y0, s00); s01 = TS.MultiplyAdd(x, y1, s01);
                    x = TS.Broadcast(Unsafe.Add(ref ap, aCol));
                    s10 = TS.MultiplyAdd(x, y0, s10); s11 = TS.MultiplyAdd(x, y1, s11);
                    x = TS.Broadcast(Unsafe.Add(ref ap, 2 * aCol));
                    s20 = TS.MultiplyAdd(x, y0, s20); s21 = TS.MultiplyAdd(x, y1, s21);
                    x = TS.Broadcast(Unsafe.Add(ref ap, 3 * aCol));
                    s30 = TS.MultiplyAdd(x, y0, s30); s31 = TS.MultiplyAdd(x, y1, s31);
                }

                TS.Store(s00, ref c0); TS.Store(s01, ref Unsafe.Add(ref c0, v));
                TS.Store(s10, ref c1); TS.Store(s11, ref Unsafe.Add(ref c1, v));
                TS.Store(s20, ref c2); TS.Store(s21, ref Unsafe.Add(ref c2, v));
                TS.Store(s30, ref c3); TS.Store(s31, ref Unsafe.Add(ref c3, v));
            }

            for (; j + v <= n; j += v)
            {
                ref float c0 = ref Unsafe.Add(ref ci, j);
                TV s0 = TS.Load(ref c0), s1 = TS.Load(ref Unsafe.Add(ref c0, ldc));
                TV s2 = TS.Load(ref Unsafe.Add(ref c0, 2 * ldc)), s3 = TS.Load(ref Unsafe.Add(ref c0, 3 * ldc));
                for (int p = 0; p < r; p++)
                {
                    TV y = TS.Load(ref Unsafe.Add(ref b, rowsB.Offset(p) + j));
                    ref float ap = ref Unsafe.Add(ref ai, p * aRow);
                    s0 = TS.MultiplyAdd(TS.Broadcast(ap), y, s0);
                    s1 = TS.MultiplyAdd(TS.Broadcast(Unsafe.Add(ref ap, aCol)), y, s1);
                    s2 = TS.MultiplyAdd(TS.Broadcast(Unsafe.Add(ref ap, 2 * aCol)), y, s2);
                    s3 = TS.MultiplyAdd(TS.Broadcast(Unsafe.Add(ref ap, 3 * aCol)), y, s3);
                }

                TS.Store(s0, ref c0);
                TS.Store(s1, ref Unsafe.Add(ref c0, ldc));
                TS.Store(s2, ref Unsafe.Add(ref c0, 2 * ldc));
                TS.Store(s3, ref Unsafe.Add(ref c0, 3 * ldc));
            }

            if (j < n && n >= v)
            {
                // The last columns of the four rows as one vector each, overlapping columns already done: computed
                // from zero, and only the lanes past the overlap added to C. Four chains, one per row.
                int start = n - v;
                TV t0 = TS.Zero, t1 = TS.Zero, t2 = TS.Zero, t3 = TS.Zero;
                for (int p = 0; p < r; p++)
                {
                    TV y = TS.Load(ref Unsafe.Add(ref b, rowsB.Offset(p) + start));
                    ref float ap = ref Unsafe.Add(ref ai, p * aRow);
                    t0 = TS.MultiplyAdd(TS.Broadcast(ap), y, t0);
                    t1 = TS.MultiplyAdd(TS.Broadcast(Unsafe.Add(ref ap, aCol)), y, t1);
                    t2 = TS.MultiplyAdd(TS.Broadcast(Unsafe.Add(ref ap, 2 * aCol)), y, t2);
                    t3 = TS.MultiplyAdd(TS.Broadcast(Unsafe.Add(ref ap, 3 * aCol)), y, t3);
                }

                TV mask = TS.TailMask(j - start), one = TS.Broadcast(1f);
                ref float cs = ref Unsafe.Add(ref ci, start);
                TS.Store(TS.MultiplyAdd(TS.And(t0, mask), one, TS.Load(ref cs)), ref cs);
                cs = ref Unsafe.Add(ref cs, ldc);
                TS.Store(TS.MultiplyAdd(TS.And(t1, mask), one, TS.Load(ref cs)), ref cs);
                cs = ref Unsafe.Add(ref cs, ldc);
                TS.Store(TS.MultiplyAdd(TS.And(t2, mask), one, TS.Load(ref cs)), ref cs);
                cs = ref Unsafe.Add(ref cs, ldc);
                TS.Store(TS.MultiplyAdd(TS.And(t3, mask), one, TS.Load(ref cs)), ref cs);
                continue;
            }

            for (int ii = 0; ii < 4; ii++)
            {
                RowTail<TV, TS, TRows>(ref Unsafe.Add(ref ai, ii * aCol), aRow, ref b, rowsB, ref Unsafe.Add(ref ci, ii * ldc), j, n, r);
            }
        }

        if (i + 2 <= m)
        {
            TwoRows<TV, TS, TRows>(ref Unsafe.Add(ref a, i * aCol), aRow, aCol, ref b, rowsB, ref Unsafe.Add(ref c, i * ldc), ldc, n, r);
            i += 2;
        }

        for (; i < m; i++)
        {
            RowTail<TV, TS, TRows>(ref Unsafe.Add(ref a, i * aCol), aRow, ref b, rowsB, ref Unsafe.Add(ref c, i * ldc), 0, n, r);
        }
    }

    /// <summary>
    /// Two rows of C (what is left of <c>m = 4k + 2</c> or <c>4k + 3</c>), sharing each load of B between them. Every
    /// value is the same chain of multiply-adds as <see cref="RowTail"/> computes for it, so the result is
    /// bit-identical to two <see cref="RowTail"/> calls.
    /// </summary>
    private static void TwoRows<TV, TS, TRows>(ref float a, int aRow, int aCol, ref float b, TRows rowsB, ref float c, int ldc, int n, int r)
        where TV : struct
        where TS : ISimd<TV>
        where TRows : struct, IRowOffsets
    {
        int v = TS.Count;
        if (n < v)
        {
            RowTail<TV, TS, TRows>(ref a, aRow, ref b, rowsB, ref c, 0, n, r);
            RowTail<TV, TS, TRows>(ref Unsafe.Add(ref a, aCol), aRow, ref b, rowsB, ref Unsafe.Add(ref c, ldc), 0, n, r);
            return;
        }

        int j = 0;
        for (; j + 4 * v <= n; j += 4 * v)
        {
            ref float c0 = ref Unsafe.Add(ref c, j);
            ref float c1 = ref Unsafe.Add(ref c0, ldc);
            TV s00 = TS.Load(ref c0), s01 = TS.Load(ref Unsafe.Add(ref c0, v));
            TV s02 = TS.Load(ref Unsafe.Add(ref c0, 2 * v)), s03 = TS.Load(ref Unsafe.Add(ref c0, 3 * v));
            TV s10 = TS.Load(ref c1), s11 = TS.Load(ref Unsafe.Add(ref c1, v));
            TV s12 = TS.Load(ref Unsafe.Add(ref c1, 2 * v)), s13 = TS.Load(ref Unsafe.Add(ref c1, 3 * v));
            for (int p = 0; p < r; p++)
            {
                ref float bp = ref Unsafe.Add(ref b, rowsB.Offset(p) + j);
                TV y0 = TS.Load(ref bp), y1 = TS.Load(ref Unsafe.Add(ref bp, v));
                TV y2 = TS.Load(ref Unsafe.Add(ref bp, 2 * v)), y3 = TS.Load(ref Unsafe.Add(ref bp, 3 * v));
                ref float ap = ref Unsafe.Add(ref a, p * aRow);
                TV x = TS.Broadcast(ap);
                s00 = TS.MultiplyAdd(x, y0, s00); s01 = TS.MultiplyAdd(x, y1, s01);
                s02 = TS.MultiplyAdd(x, y2, s02); s03 = TS.MultiplyAdd(x, y3, s03);
                x = TS.Broadcast(Unsafe.Add(ref ap, aCol));
                s10 = TS.MultiplyAdd(x, y0, s10); s11 = TS.MultiplyAdd(x, y1, s11);
                s12 = TS.MultiplyAdd(x, y2, s12); s13 = TS.MultiplyAdd(x, y3, s13);
            }

            TS.Store(s00, ref c0); TS.Store(s01, ref Unsafe.Add(ref c0, v));
            TS.Store(s02, ref Unsafe.Add(ref c0, 2 * v)); TS.Store(s03, ref Unsafe.Add(ref c0, 3 * v));
            TS.Store(s10, ref c1); TS.Store(s11, ref Unsafe.Add(ref c1, v));
            TS.Store(s12, ref Unsafe.Add(ref c1, 2 * v)); TS.Store(s13, ref Unsafe.Add(ref c1, 3 * v));
        }

        for (; j + v <= n; j += v)
        {
            ref float c0 = ref Unsafe.Add(ref c, j);
            TV s0 = TS.Load(ref c0), s1 = TS.Load(ref Unsafe.Add(ref c0, ldc));
            for (int p = 0; p < r; p++)
            {
                TV y = TS.Load(ref Unsafe.Add(ref b, rowsB.Offset(p) + j));
                ref float ap = ref Unsafe.Add(ref a, p * aRow);
                s0 = TS.MultiplyAdd(TS.Broadcast(ap), y, s0);
                s1 = TS.MultiplyAdd(TS.Broadcast(Unsafe.Add(ref ap, aCol)), y, s1);
            }

            TS.Store(s0, ref c0);
            TS.Store(s1, ref Unsafe.Add(ref c0, ldc));
        }

        if (j < n)
        {
            // As in RowTail: the last columns as one vector per row overlapping columns already done, computed from
            // zero, and only the lanes past the overlap added to C.
            int start = n - v;
            TV t0 = TS.Zero, t1 = TS.Zero;
            for (int p = 0; p < r; p++)
            {
                TV y = TS.Load(ref Unsafe.Add(ref b, rowsB.Offset(p) + start));
                ref float ap = ref Unsafe.Add(ref a, p * aRow);
                t0 = TS.MultiplyAdd(TS.Broadcast(ap), y, t0);
                t1 = TS.MultiplyAdd(TS.Broadcast(Unsafe.Add(ref ap, aCol)), y, t1);
            }

            TV mask = TS.TailMask(j - start), one = TS.Broadcast(1f);
            ref float cs = ref Unsafe.Add(ref c, start);
            TS.Store(TS.MultiplyAdd(TS.And(t0, mask), one, TS.Load(ref cs)), ref cs);
            cs = ref Unsafe.Add(ref cs, ldc);
            TS.Store(TS.MultiplyAdd(TS.And(t1, mask), one, TS.Load(ref cs)), ref cs);
        }
    }

    /// <summary>One row of C from column <paramref name="j"/> on: vectors, then scalars.</summary>
    private static void RowTail<TV, TS, TRows>(ref float a, int aRow, ref float b, TRows rowsB, ref float c, int j, int n, int r)
        where TV : struct
        where TS : ISimd<TV>
        where TRows : struct, IRowOffsets
    {
        int v = TS.Count;

        // Four vectors at a time: four independent multiply-add chains, so a lone row is not latency-bound.
        for (; j + 4 * v <= n; j += 4 * v)
        {
            ref float cj = ref Unsafe.Add(ref c, j);
            TV s0 = TS.Load(ref cj), s1 = TS.Load(ref Unsafe.Add(ref cj, v));
            TV s2 = TS.Load(ref Unsafe.Add(ref cj, 2 * v)), s3 = TS.Load(ref Unsafe.Add(ref cj, 3 * v));
            for (int p = 0; p < r; p++)
            {
                TV x = TS.Broadcast(Unsafe.Add(ref a, p * aRow));
                ref float bp = ref Unsafe.Add(ref b, rowsB.Offset(p) + j);
                s0 = TS.MultiplyAdd(x, TS.Load(ref bp), s0);
                s1 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref bp, v)), s1);
                s2 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref bp, 2 * v)), s2);
                s3 = TS.MultiplyAdd(x, TS.Load(ref Unsafe.Add(ref bp, 3 * v)), s3);
            }

            TS.Store(s0, ref cj);
            TS.Store(s1, ref Unsafe.Add(ref cj, v));
            TS.Store(s2, ref Unsafe.Add(ref cj, 2 * v));
            TS.Store(s3, ref Unsafe.Add(ref cj, 3 * v));
        }

        for (; j + v <= n; j += v)
        {
            ref float cj = ref Unsafe.Add(ref c, j);
            TV s = TS.Load(ref cj);
            for (int p = 0; p < r; p++)
            {
                s = TS.MultiplyAdd(TS.Broadcast(Unsafe.Add(ref a, p * aRow)), TS.Load(ref Unsafe.Add(ref b, rowsB.Offset(p) + j)), s);
            }

            TS.Store(s, ref cj);
        }

        if (j < n && n >= v)
        {
            // The last columns as one vector that overlaps columns already done: computed from zero, and only the
            // lanes past the overlap are added to C.
            int start = n - v;
            TV s = TS.Zero;
            for (int p = 0; p < r; p++)
            {
                s = TS.MultiplyAdd(TS.Broadcast(Unsafe.Add(ref a, p * aRow)), TS.Load(ref Unsafe.Add(ref b, rowsB.Offset(p) + start)), s);
            }

            ref float cs = ref Unsafe.Add(ref c, start);
            TS.Store(TS.MultiplyAdd(TS.And(s, TS.TailMask(j - start)), TS.Broadcast(1f), TS.Load(ref cs)), ref cs);
            return;
        }

        for (; j < n; j++)
        {
            float s = Unsafe.Add(ref c, j);
            for (int p = 0; p < r; p++)
            {
                s += Unsafe.Add(ref a, p * aRow) * Unsafe.Add(ref b, rowsB.Offset(p) + j);
            }

            Unsafe.Add(ref c, j) = s;
        }
    }

    /// <summary><see cref="DotRows"/> over a range of rows of A (and C) or of rows of B (columns of C).</summary>
    private readonly struct DotRowsJob(
        float* a, int lda, float* b, int ldb, float* c, int ldc, int m, int n, int k, bool accumulate, bool byRows) : IRangeJob
    {
        public void Run(int start, int end)
        {
            if (byRows)
            {
                DotRowsCore(ref a[(long)start * lda], lda, ref *b, ldb, ref c[(long)start * ldc], ldc, end - start, n, k, accumulate);
            }
            else
            {
                DotRowsCore(ref *a, lda, ref b[(long)start * ldb], ldb, ref c[start], ldc, m, end - start, k, accumulate);
            }
        }
    }

    /// <summary>An <c>AccumulateOuter</c> over a range of rows of C.</summary>
    private readonly struct AccumulateOuterJob<TRows>(
        float* a, int aRowStride, int aColumnStride, float* b, TRows rowsB, float* c, int ldc, int n, int r) : IRangeJob
        where TRows : struct, IRowOffsets
    {
        public void Run(int start, int end)
            => AccumulateOuterCore(ref a[(long)start * aColumnStride], aRowStride, aColumnStride, ref *b, rowsB, ref c[(long)start * ldc], ldc, end - start, n, r);
    }

    /// <summary>Where row <c>p</c> of the matrix B starts.</summary>
    internal interface IRowOffsets
    {
        int Offset(int p);
    }

    /// <summary>Rows <paramref name="stride"/> apart.</summary>
    private readonly struct StridedRows(int stride) : IRowOffsets
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Offset(int p) => p * stride;
    }

    /// <summary>Rows at the offsets of a pinned table.</summary>
    private readonly struct OffsetRows(int* offsets) : IRowOffsets
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Offset(int p) => offsets[p];
    }

    /// <summary>Checks that a rows x columns matrix with the given strides fits in a buffer of the given length.</summary>
    private static void CheckMatrix(int length, int rows, int columns, int rowStride, int columnStride, string name)
    {
        if (rows < 0 || columns < 0 || rowStride < 0 || columnStride < 0)
        {
            throw new ArgumentOutOfRangeException(name, $"Matrix {name}: sizes and strides must not be negative; got {rows}x{columns}, strides {rowStride} and {columnStride}.");
        }

        if (rows == 0 || columns == 0)
        {
            return;
        }

        long last = (long)(rows - 1) * rowStride + (long)(columns - 1) * columnStride;
        if (last >= length)
        {
            throw new ArgumentException(
                $"Matrix {name} of {rows}x{columns} with strides {rowStride} and {columnStride} reaches index {last}, but the buffer holds {length} values.", name);
        }
    }
}
