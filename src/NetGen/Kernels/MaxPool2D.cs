using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetGen.Kernels;

/// <summary>
/// 2-D max pooling (<c>torch.nn.MaxPool2d</c> without padding or dilation), forward then backward with the same
/// argument order. Shapes: <c>inputs [batch, channels, inHeight, inWidth]</c>, <c>outputs [batch, channels, outHeight, outWidth]</c>
/// with <c>outHeight = (inHeight - size) / stride + 1</c> rounded down (rows and columns past the last whole window
/// are ignored), likewise the width.
/// </summary>
/// <remarks>
/// No index buffer is saved: backward finds each window's maximum again from the inputs with the same comparison
/// as forward, so both pick the first maximum in row-major window order, as PyTorch does on ties (a NaN wins and
/// propagates, also as PyTorch).
/// </remarks>
public static unsafe class MaxPool2D
{
    /// <summary><c>outputs[b, c, y, x] = max over the window of inputs[b, c, y stride + dy, x stride + dx]</c>, <c>0 &lt;= dy, dx &lt; size</c>.</summary>
    public static void Forward(
        ReadOnlySpan<float> inputs, Span<float> outputs,
        int batch, int channels, int inHeight, int inWidth, int size, int stride)
    {
        CheckShapes("MaxPool2D", inputs.Length, outputs.Length, batch, channels, inHeight, inWidth, size, stride,
            out int outHeight, out int outWidth);
        var geometry = new Geometry(inHeight, inWidth, size, stride, outHeight, outWidth);
        int planes = batch * channels;
        if (Splits(planes, geometry))
        {
            fixed (float* px = inputs, py = outputs)
            {
                var job = new ForwardJob(px, py, inputs.Length, outputs.Length, geometry);
                KernelWorkers.Run(ref job, planes, 1, Parallelism.MaxThreads);
            }

            return;
        }

        ForwardPlanes(inputs, outputs, geometry, 0, planes);
    }

    /// <summary>The forward pass of the planes <c>start &lt;= p &lt; end</c>.</summary>
    private static void ForwardPlanes(ReadOnlySpan<float> inputs, Span<float> outputs, in Geometry geometry, int start, int end)
    {
        int inHeight = geometry.InHeight, inWidth = geometry.InWidth, size = geometry.Size, stride = geometry.Stride;
        int outHeight = geometry.OutHeight, outWidth = geometry.OutWidth;
        int inPlane = inHeight * inWidth, outPlane = outHeight * outWidth;
        for (int p = start; p < end; p++)
        {
            ReadOnlySpan<float> x = inputs.Slice(p * inPlane, inPlane); // [inH, inW]
            Span<float> y = outputs.Slice(p * outPlane, outPlane);      // [outH, outW]
            if (size == 2 && stride == 2)
            {
                // The common 2x2 window: a plain max of four (MathF.Max lets NaN through, as ArgMax does, and takes
                // +0 over -0). The vector Max follows the same rule lane by lane, so the blocks of 8 and 4 outputs
                // give the same values as the scalar loop that finishes the row.
                for (int oy = 0; oy < outHeight; oy++)
                {
                    // The slices check the bounds once; the loop reads through refs inside them.
                    ref float top = ref MemoryMarshal.GetReference(x.Slice(2 * oy * inWidth, 2 * outWidth));
                    ref float bottom = ref MemoryMarshal.GetReference(x.Slice((2 * oy + 1) * inWidth, 2 * outWidth));
                    ref float row = ref MemoryMarshal.GetReference(y.Slice(oy * outWidth, outWidth));
                    int ox = 0;
                    if (Avx2.IsSupported)
                    {
                        for (; ox <= outWidth - 8; ox += 8)
                        {
                            Max2x2Block8(ref Unsafe.Add(ref top, 2 * ox), ref Unsafe.Add(ref bottom, 2 * ox), ref Unsafe.Add(ref row, ox));
                        }
                    }

                    if (Sse.IsSupported && ox <= outWidth - 4)
                    {
                        Max2x2Block4(ref Unsafe.Add(ref top, 2 * ox), ref Unsafe.Add(ref bottom, 2 * ox), ref Unsafe.Add(ref row, ox));
                        ox += 4;
                    }

                    for (; ox < outWidth; ox++)
                    {
                        Unsafe.Add(ref row, ox) = MathF.Max(
                            MathF.Max(Unsafe.Add(ref top, 2 * ox), Unsafe.Add(ref top, 2 * ox + 1)),
                            MathF.Max(Unsafe.Add(ref bottom, 2 * ox), Unsafe.Add(ref bottom, 2 * ox + 1)));
                    }
                }

                continue;
            }

            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    y[oy * outWidth + ox] = x[ArgMax(x, inWidth, oy * stride * inWidth + ox * stride, size)];
                }
            }
        }
    }

    /// <summary>The fewest input values a pooling call splits across NetGen's kernel threads, by planes.</summary>
    private const int MinParallelInputs = 1 << 16;

    /// <summary>Whether a call over <paramref name="planes"/> planes is split across the kernel threads.</summary>
    private static bool Splits(int planes, in Geometry geometry) =>
        planes > 1 && (long)planes * geometry.InHeight * geometry.InWidth >= MinParallelInputs && Parallelism.MaxThreads > 1;

    /// <summary>A pooling call's window geometry.</summary>
    private readonly record struct Geometry(int InHeight, int InWidth, int Size, int Stride, int OutHeight, int OutWidth);

    /// <summary><see cref="ForwardPlanes"/> on a range of planes; each plane is computed the same on any thread.</summary>
    private readonly struct ForwardJob(float* inputs, float* outputs, int inputLength, int outputLength, Geometry geometry) : IRangeJob
    {
        public void Run(int start, int end) =>
            ForwardPlanes(new ReadOnlySpan<float>(inputs, inputLength), new Span<float>(outputs, outputLength), geometry, start, end);
    }

    /// <summary><see cref="BackwardPlanes"/> on a range of planes.</summary>
    private readonly struct BackwardJob(float* inputs, float* dOutputs, float* dInputs, int inputLength, int outputLength, Geometry geometry) : IRangeJob
    {
        public void Run(int start, int end) =>
            BackwardPlanes(
                new ReadOnlySpan<float>(inputs, inputLength), new ReadOnlySpan<float>(dOutputs, outputLength),
                new Span<float>(dInputs, inputLength), geometry, start, end);
    }

    /// <summary>
    /// Eight 2x2 windows side by side: <c>row[i] = max(top[2i], top[2i + 1], bottom[2i], bottom[2i + 1])</c> for
    /// <c>0 &lt;= i &lt; 8</c>, reading 16 floats of each input row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Max2x2Block8(ref float top, ref float bottom, ref float row)
    {
        // Vertical max first: a holds the window columns 0..7, b the columns 8..15.
        Vector256<float> a = Vector256.Max(Vector256.LoadUnsafe(ref top), Vector256.LoadUnsafe(ref bottom));
        Vector256<float> b = Vector256.Max(Vector256.LoadUnsafe(ref top, 8), Vector256.LoadUnsafe(ref bottom, 8));

        // Within each 128-bit half, even = [a0 a2 b0 b2 | a4 a6 b4 b6] and odd = [a1 a3 b1 b3 | a5 a7 b5 b7], so
        // their max is the windows in the order [0 1 4 5 | 2 3 6 7]; swapping the middle 64-bit pairs restores 0..7.
        Vector256<float> even = Avx.Shuffle(a, b, 0b10_00_10_00);
        Vector256<float> odd = Avx.Shuffle(a, b, 0b11_01_11_01);
        Vector256<float> windows = Vector256.Max(even, odd);
        Avx2.Permute4x64(windows.AsDouble(), 0b11_01_10_00).AsSingle().StoreUnsafe(ref row);
    }

    /// <summary><see cref="Max2x2Block8"/> for four windows (8 floats of each input row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Max2x2Block4(ref float top, ref float bottom, ref float row)
    {
        Vector128<float> a = Vector128.Max(Vector128.LoadUnsafe(ref top), Vector128.LoadUnsafe(ref bottom));
        Vector128<float> b = Vector128.Max(Vector128.LoadUnsafe(ref top, 4), Vector128.LoadUnsafe(ref bottom, 4));

        // even = [a0 a2 b0 b2], odd = [a1 a3 b1 b3]: their max is the four windows in order.
        Vector128<float> even = Sse.Shuffle(a, b, 0b10_00_10_00);
        Vector128<float> odd = Sse.Shuffle(a, b, 0b11_01_11_01);
        Vector128.Max(even, odd).StoreUnsafe(ref row);
    }

    /// <summary>
    /// Backward of <see cref="Forward"/>: writes (<c>=</c>) <c>dL/dx</c> into <paramref name="dInputs"/>, each output
    /// gradient going to its window's maximum; where windows overlap, the gradients add up. An empty
    /// <paramref name="dInputs"/> means none is needed and does nothing.
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, ReadOnlySpan<float> dOutputs, Span<float> dInputs,
        int batch, int channels, int inHeight, int inWidth, int size, int stride)
    {
        CheckShapes("MaxPool2D", inputs.Length, outputs.Length, batch, channels, inHeight, inWidth, size, stride,
            out int outHeight, out int outWidth);
        CheckGradients("MaxPool2D", inputs.Length, outputs.Length, dOutputs.Length, dInputs.Length);
        if (dInputs.IsEmpty)
        {
            return;
        }

        var geometry = new Geometry(inHeight, inWidth, size, stride, outHeight, outWidth);
        int planes = batch * channels;
        if (Splits(planes, geometry))
        {
            fixed (float* px = inputs, pdy = dOutputs, pdx = dInputs)
            {
                var job = new BackwardJob(px, pdy, pdx, inputs.Length, dOutputs.Length, geometry);
                KernelWorkers.Run(ref job, planes, 1, Parallelism.MaxThreads);
            }

            return;
        }

        BackwardPlanes(inputs, dOutputs, dInputs, geometry, 0, planes);
    }

    /// <summary>The backward pass of the planes <c>start &lt;= p &lt; end</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardPlanes(ReadOnlySpan<float> inputs, ReadOnlySpan<float> dOutputs, Span<float> dInputs, in Geometry geometry, int start, int end)
    {
        int inHeight = geometry.InHeight, inWidth = geometry.InWidth, size = geometry.Size, stride = geometry.Stride;
        int outHeight = geometry.OutHeight, outWidth = geometry.OutWidth;
        int inPlane = inHeight * inWidth, outPlane = outHeight * outWidth;
        dInputs.Slice(start * inPlane, (end - start) * inPlane).Clear();
        for (int p = start; p < end; p++)
        {
            ReadOnlySpan<float> x = inputs.Slice(p * inPlane, inPlane);      // [inH, inW]
            ReadOnlySpan<float> g = dOutputs.Slice(p * outPlane, outPlane);  // [outH, outW]
            Span<float> dx = dInputs.Slice(p * inPlane, inPlane);            // [inH, inW]
            if (size == 2 && stride == 2)
            {
                // The common 2x2 window: the windows tile the plane, so each input gradient is written, not added.
                // Blocks of 8 and 4 windows select the winner lane by lane with the rule of ArgMax; a scalar loop
                // with ArgMax's four comparisons written out finishes the row.
                for (int oy = 0; oy < outHeight; oy++)
                {
                    ref float top = ref MemoryMarshal.GetReference(x.Slice(2 * oy * inWidth, 2 * outWidth));
                    ref float bottom = ref MemoryMarshal.GetReference(x.Slice((2 * oy + 1) * inWidth, 2 * outWidth));
                    ref float dTop = ref MemoryMarshal.GetReference(dx.Slice(2 * oy * inWidth, 2 * outWidth));
                    ref float dBottom = ref MemoryMarshal.GetReference(dx.Slice((2 * oy + 1) * inWidth, 2 * outWidth));
                    ref float row = ref MemoryMarshal.GetReference(g.Slice(oy * outWidth, outWidth));
                    int ox = 0;
                    if (Avx2.IsSupported)
                    {
                        for (; ox <= outWidth - 8; ox += 8)
                        {
                            Backward2x2Block8(
                                ref Unsafe.Add(ref top, 2 * ox), ref Unsafe.Add(ref bottom, 2 * ox), ref Unsafe.Add(ref row, ox),
                                ref Unsafe.Add(ref dTop, 2 * ox), ref Unsafe.Add(ref dBottom, 2 * ox));
                        }
                    }

                    if (Sse.IsSupported && ox <= outWidth - 4)
                    {
                        Backward2x2Block4(
                            ref Unsafe.Add(ref top, 2 * ox), ref Unsafe.Add(ref bottom, 2 * ox), ref Unsafe.Add(ref row, ox),
                            ref Unsafe.Add(ref dTop, 2 * ox), ref Unsafe.Add(ref dBottom, 2 * ox));
                        ox += 4;
                    }

                    for (; ox < outWidth; ox++)
                    {
                        float a = Unsafe.Add(ref top, 2 * ox), b = Unsafe.Add(ref top, 2 * ox + 1);
                        float c = Unsafe.Add(ref bottom, 2 * ox), d = Unsafe.Add(ref bottom, 2 * ox + 1);
                        float max = a;
                        int best = 0;
                        if (b > max || float.IsNaN(b))
                        {
                            max = b;
                            best = 1;
                        }

                        if (c > max || float.IsNaN(c))
                        {
                            max = c;
                            best = 2;
                        }

                        if (d > max || float.IsNaN(d))
                        {
                            best = 3;
                        }

                        Unsafe.Add(ref best < 2 ? ref dTop : ref dBottom, 2 * ox + (best & 1)) = Unsafe.Add(ref row, ox);
                    }
                }

                continue;
            }

            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    dx[ArgMax(x, inWidth, oy * stride * inWidth + ox * stride, size)] += g[oy * outWidth + ox];
                }
            }
        }
    }

    /// <summary>
    /// Backward of eight 2x2 windows side by side (16 floats of each input row): the gradient <c>row[i]</c> goes to the
    /// window's winner, every other input gradient of the window is set to 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // too large to inline into the plane loop
    private static void Backward2x2Block8(ref float top, ref float bottom, ref float row, ref float dTop, ref float dBottom)
    {
        // Within each 128-bit half the even/odd shuffles hold the windows in the order [0 1 4 5 | 2 3 6 7] (see
        // Max2x2Block8); the gradients are put in that order too, and the unpacks below undo it.
        Vector256<float> t0 = Vector256.LoadUnsafe(ref top), t1 = Vector256.LoadUnsafe(ref top, 8);
        Vector256<float> b0 = Vector256.LoadUnsafe(ref bottom), b1 = Vector256.LoadUnsafe(ref bottom, 8);
        Vector256<float> a = Avx.Shuffle(t0, t1, 0b10_00_10_00), b = Avx.Shuffle(t0, t1, 0b11_01_11_01);
        Vector256<float> c = Avx.Shuffle(b0, b1, 0b10_00_10_00), d = Avx.Shuffle(b0, b1, 0b11_01_11_01);
        Vector256<float> g = Avx2.Permute4x64(Vector256.LoadUnsafe(ref row).AsDouble(), 0b11_01_10_00).AsSingle();

        // The winner by ArgMax's rule: the last NaN if there is one, else the first value equal to the maximum.
        Vector256<float> nanA = ~Vector256.Equals(a, a), nanB = ~Vector256.Equals(b, b);
        Vector256<float> nanC = ~Vector256.Equals(c, c), nanD = ~Vector256.Equals(d, d);
        Vector256<float> max = Vector256.Max(Vector256.Max(a, b), Vector256.Max(c, d));
        Vector256<float> anyNaN = nanA | nanB | nanC | nanD;
        Vector256<float> isA = Vector256.ConditionalSelect(anyNaN, Vector256.AndNot(nanA, nanB | nanC | nanD), Vector256.Equals(a, max));
        Vector256<float> isB = Vector256.ConditionalSelect(anyNaN, Vector256.AndNot(nanB, nanC | nanD), Vector256.AndNot(Vector256.Equals(b, max), isA));
        Vector256<float> isC = Vector256.ConditionalSelect(anyNaN, Vector256.AndNot(nanC, nanD), Vector256.AndNot(Vector256.Equals(c, max), isA | isB));
        Vector256<float> isD = ~(isA | isB | isC);

        Vector256<float> ga = g & isA, gb = g & isB, gc = g & isC, gd = g & isD;
        Avx.UnpackLow(ga, gb).StoreUnsafe(ref dTop);
        Avx.UnpackHigh(ga, gb).StoreUnsafe(ref dTop, 8);
        Avx.UnpackLow(gc, gd).StoreUnsafe(ref dBottom);
        Avx.UnpackHigh(gc, gd).StoreUnsafe(ref dBottom, 8);
    }

    /// <summary><see cref="Backward2x2Block8"/> for four windows (8 floats of each input row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // too large to inline into the plane loop
    private static void Backward2x2Block4(ref float top, ref float bottom, ref float row, ref float dTop, ref float dBottom)
    {
        Vector128<float> t0 = Vector128.LoadUnsafe(ref top), t1 = Vector128.LoadUnsafe(ref top, 4);
        Vector128<float> b0 = Vector128.LoadUnsafe(ref bottom), b1 = Vector128.LoadUnsafe(ref bottom, 4);
        Vector128<float> a = Sse.Shuffle(t0, t1, 0b10_00_10_00), b = Sse.Shuffle(t0, t1, 0b11_01_11_01);
        Vector128<float> c = Sse.Shuffle(b0, b1, 0b10_00_10_00), d = Sse.Shuffle(b0, b1, 0b11_01_11_01);
        Vector128<float> g = Vector128.LoadUnsafe(ref row);

        Vector128<float> nanA = ~Vector128.Equals(a, a), nanB = ~Vector128.Equals(b, b);
        Vector128<float> nanC = ~Vector128.Equals(c, c), nanD = ~Vector128.Equals(d, d);
        Vector128<float> max = Vector128.Max(Vector128.Max(a, b), Vector128.Max(c, d));
        Vector128<float> anyNaN = nanA | nanB | nanC | nanD;
        Vector128<float> isA = Vector128.ConditionalSelect(anyNaN, Vector128.AndNot(nanA, nanB | nanC | nanD), Vector128.Equals(a, max));
        Vector128<float> isB = Vector128.ConditionalSelect(anyNaN, Vector128.AndNot(nanB, nanC | nanD), Vector128.AndNot(Vector128.Equals(b, max), isA));
        Vector128<float> isC = Vector128.ConditionalSelect(anyNaN, Vector128.AndNot(nanC, nanD), Vector128.AndNot(Vector128.Equals(c, max), isA | isB));
        Vector128<float> isD = ~(isA | isB | isC);

        Vector128<float> ga = g & isA, gb = g & isB, gc = g & isC, gd = g & isD;
        Sse.UnpackLow(ga, gb).StoreUnsafe(ref dTop);
        Sse.UnpackHigh(ga, gb).StoreUnsafe(ref dTop, 4);
        Sse.UnpackLow(gc, gd).StoreUnsafe(ref dBottom);
        Sse.UnpackHigh(gc, gd).StoreUnsafe(ref dBottom, 4);
    }

    /// <summary>
    /// The index in <paramref name="plane"/> of the first maximum of the <paramref name="size"/> x <paramref name="size"/>
    /// window whose top-left pixel is at <paramref name="start"/>; a NaN is taken as the maximum, as PyTorch does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ArgMax(ReadOnlySpan<float> plane, int width, int start, int size)
    {
        int best = start;
        float max = plane[start];
        for (int dy = 0; dy < size; dy++)
        {
            ReadOnlySpan<float> row = plane.Slice(start + dy * width, size);
            for (int dx = 0; dx < row.Length; dx++)
            {
                float v = row[dx];
                if (v > max || float.IsNaN(v))
                {
                    max = v;
                    best = start + dy * width + dx;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The pool's output size, after checking the geometry and that the buffers hold <paramref name="batch"/> samples
    /// (longer buffers are allowed, as for <see cref="Dense"/>); shared with <see cref="AvgPool2D"/>.
    /// </summary>
    internal static void CheckShapes(
        string kernel, int inputs, int outputs, int batch, int channels, int inHeight, int inWidth, int size, int stride,
        out int outHeight, out int outWidth)
    {
        if (batch < 0 || channels < 1 || size < 1 || stride < 1 || inHeight < size || inWidth < size)
        {
            throw new ArgumentException(
                $"{kernel} needs batch >= 0, channels >= 1, size >= 1, stride >= 1 and inHeight, inWidth >= size; " +
                $"got batch {batch}, channels {channels}, inHeight {inHeight}, inWidth {inWidth}, size {size}, stride {stride}.");
        }

        outHeight = (inHeight - size) / stride + 1;
        outWidth = (inWidth - size) / stride + 1;
        int inSize = batch * channels * inHeight * inWidth, outSize = batch * channels * outHeight * outWidth;
        if (inputs < inSize || outputs < outSize)
        {
            throw new ArgumentException(
                $"{kernel} {channels}x{inHeight}x{inWidth} -> {channels}x{outHeight}x{outWidth} (size {size}, stride {stride}) " +
                $"with batch {batch} needs inputs >= {inSize}, outputs >= {outSize}; got inputs {inputs}, outputs {outputs}.");
        }
    }

    /// <summary>Gradient buffers mirror their values: <c>dOutputs</c> as <c>outputs</c>, <c>dInputs</c> empty or as <c>inputs</c>.</summary>
    internal static void CheckGradients(string kernel, int inputs, int outputs, int dOutputs, int dInputs)
    {
        if (dOutputs != outputs || (dInputs != 0 && dInputs != inputs))
        {
            throw new ArgumentException(
                $"{kernel} gradient buffers do not match their values: dOutputs {dOutputs} (expected {outputs}), " +
                $"dInputs {dInputs} (expected 0 or {inputs}).");
        }
    }
}
