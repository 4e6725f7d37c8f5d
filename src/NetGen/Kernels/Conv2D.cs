using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;

namespace NetGen.Kernels;

/// <summary>
/// The 2-D convolution layer (cross-correlation, as <c>torch.nn.Conv2d</c> with a square kernel and zero padding),
/// forward then backward with the same argument order.
/// Shapes: <c>inputs [batch, inChannels, inHeight, inWidth]</c>, <c>weights [outChannels, inChannels, kernelSize, kernelSize]</c>,
/// <c>bias [outChannels]</c> (empty for a layer without bias), <c>outputs [batch, outChannels, outHeight, outWidth]</c>
/// with <c>outHeight = (inHeight + 2 padding - kernelSize) / stride + 1</c> (<see cref="OutputSize"/>), likewise the width.
/// </summary>
/// <remarks>
/// <para>Forward with stride 1 copies each sample once into a zero-padded buffer and computes the outputs over the
/// padded width, where every kernel tap reads one contiguous run of that buffer: a single <see cref="Gemm"/> product
/// whose B rows sit at fixed offsets, with no unfolded copy.</para>
/// <para>Backward with stride 1 also runs without unfolding: the weight gradient
/// as dot products of the output gradients, laid out over the padded width, with runs of the padded images at the taps'
/// offsets (<see cref="Gemm.DotRowsSegmented"/>, one reduction per weight for a whole group of samples), the input
/// gradient as one product per kernel tap added into the padded input gradient at that tap's offset.</para>
/// <para>Otherwise each sample is unfolded into columns (im2col: one row per input channel and kernel
/// tap, one column per output pixel, zeros for the padding) in a per-thread buffer, so that the layer becomes the two
/// <see cref="Gemm"/> products: forward <c>Y = W · columns</c>, backward <c>dW += dZ · columnsᵀ</c> and
/// <c>dColumns = Wᵀ · dZ</c>, folded back onto the image. For each tap the rows and columns whose pixel lies inside the
/// image are computed once, so the copies run without padding branches.</para>
/// <para>Large calls are split across threads (<see cref="Parallelism.MaxThreads"/>): forward by samples, backward by
/// groups of 8 samples whose weight gradients are summed separately and then added in group order, so the result is
/// the same for any thread count.</para>
/// </remarks>
public static unsafe class Conv2D
{
    /// <summary>
    /// The output height (or width) of a convolution: <c>(inputSize + 2 padding - kernelSize) / stride + 1</c>, rounded
    /// down as PyTorch does.
    /// </summary>
    public static int OutputSize(int inputSize, int kernelSize, int stride, int padding)
    {
        if (inputSize < 1 || kernelSize < 1 || stride < 1 || padding < 0 || inputSize + 2 * padding < kernelSize)
        {
            throw new ArgumentException(
                $"Conv2D needs inputSize >= 1, kernelSize >= 1, stride >= 1, padding >= 0 and inputSize + 2 padding >= kernelSize; " +
                $"got inputSize {inputSize}, kernelSize {kernelSize}, stride {stride}, padding {padding}.");
        }

        return (inputSize + 2 * padding - kernelSize) / stride + 1;
    }

    /// <summary>
    /// <c>outputs[b, o, y, x] = f(bias[o] + sum over c, ky, kx of weights[o, c, ky, kx] inputs[b, c, y stride - padding + ky, x stride - padding + kx])</c>,
    /// pixels outside the image reading as zero; bias and activation fused per sample.
    /// </summary>
    public static void Forward<TActivation>(
        TActivation activation, ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> outputs,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
        where TActivation : struct, IActivationOperator
    {
        CheckShapes(inputs.Length, weights.Length, bias.Length, outputs.Length,
            batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, out int outHeight, out int outWidth);
        var shape = new Shape(inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, outHeight, outWidth);
        if (batch >= 2 && (long)batch * shape.Work >= Gemm.MinParallelWork && Parallelism.MaxThreads > 1)
        {
            // Samples are independent: whole samples per thread, each thread unfolding into its own scratch. An empty
            // range first sizes this thread's scratch, so that the call allocates nothing here after its first time
            // whichever chunks this thread ends up running.
            ForwardSamples(activation, inputs, weights, bias, outputs, shape, 0, 0);
            fixed (float* pi = inputs, pw = weights, pb = bias, po = outputs)
            {
                var job = new ForwardJob<TActivation>(activation, pi, pw, pb, bias.Length, po, shape);
                KernelWorkers.Run(ref job, batch, 1, Gemm.MaxParts(batch * shape.Work));
            }

            return;
        }

        ForwardSamples(activation, inputs, weights, bias, outputs, shape, 0, batch);
    }

    /// <summary>The forward pass of samples <c>start &lt;= b &lt; end</c>.</summary>
    private static void ForwardSamples<TActivation>(
        TActivation activation, ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> outputs,
        in Shape shape, int start, int end)
        where TActivation : struct, IActivationOperator
    {
        if (shape.Stride == 1 && shape.Rows <= MaxDirectRows)
        {
            ForwardSamplesDirect(activation, inputs, weights, bias, outputs, shape, start, end);
            return;
        }

        int outChannels = shape.OutChannels, outPlane = shape.OutPlane, rows = shape.Rows;
        Span<float> columns = Scratch.Columns(rows * outPlane);
        for (int b = start; b < end; b++)
        {
            Span<float> y = outputs.Slice(b * outChannels * outPlane, outChannels * outPlane); // [outC, outH * outW]
            ImageToColumns(inputs.Slice(b * shape.InSample, shape.InSample), columns, shape);
            for (int o = 0; o < outChannels; o++)
            {
                y.Slice(o * outPlane, outPlane).Fill(bias.IsEmpty ? 0f : bias[o]);
            }

            // y [outC, P] += W [outC, K] · columns [K, P]
            Gemm.AccumulateOuter(weights, 1, rows, columns, outPlane, y, outPlane, outChannels, outPlane, rows);
            activation.Forward(y);
        }
    }

    /// <summary>
    /// The stride-1 forward pass of samples <c>start &lt;= b &lt; end</c> without unfolding: the image is copied once
    /// into a zero-padded buffer, and each output channel is computed over the padded width (<c>W + 2 padding</c>
    /// columns per row, the last <c>kernelSize - 1</c> of them thrown away), where every kernel tap reads one contiguous
    /// run of the padded image at a fixed offset: one <see cref="Gemm"/> product with B's rows at those offsets.
    /// </summary>
    private static void ForwardSamplesDirect<TActivation>(
        TActivation activation, ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> outputs,
        in Shape shape, int start, int end)
        where TActivation : struct, IActivationOperator
    {
        int inChannels = shape.InChannels, inHeight = shape.InHeight, inWidth = shape.InWidth, kernel = shape.Kernel, padding = shape.Padding;
        int outChannels = shape.OutChannels, outHeight = shape.OutHeight, outWidth = shape.OutWidth, rows = shape.Rows, outPlane = shape.OutPlane;
        int paddedWidth = inWidth + 2 * padding, paddedPlane = (inHeight + 2 * padding) * paddedWidth;
        int n = (outHeight - 1) * paddedWidth + outWidth; // grid columns up to the last output pixel

        Span<int> offsets = stackalloc int[rows];
        for (int c = 0; c < inChannels; c++)
        {
            for (int ky = 0; ky < kernel; ky++)
            {
                for (int kx = 0; kx < kernel; kx++)
                {
                    offsets[(c * kernel + ky) * kernel + kx] = c * paddedPlane + ky * paddedWidth + kx;
                }
            }
        }

        Span<float> padded = padding > 0 ? Scratch.Padded(inChannels * paddedPlane) : default;
        padded.Clear(); // the border stays zero; the interior is overwritten per sample
        Span<float> grid = Scratch.Columns(outChannels * n); // [outC, n]
        for (int b = start; b < end; b++)
        {
            ReadOnlySpan<float> x = inputs.Slice(b * shape.InSample, shape.InSample);
            if (padding > 0)
            {
                for (int c = 0; c < inChannels; c++)
                {
                    StridedCopy.Rows(
                        x.Slice(c * inHeight * inWidth), inWidth,
                        padded.Slice(c * paddedPlane + padding * paddedWidth + padding), paddedWidth, inHeight, inWidth);
                }

                x = padded;
            }

            for (int o = 0; o < outChannels; o++)
            {
                grid.Slice(o * n, n).Fill(bias.IsEmpty ? 0f : bias[o]);
            }

            // grid [outC, n] += W [outC, K] · (row p of the padded image from offsets[p])
            Gemm.AccumulateOuter(weights, 1, rows, x, offsets, grid, n, outChannels, n);
            Span<float> y = outputs.Slice(b * outChannels * outPlane, outChannels * outPlane);
            for (int o = 0; o < outChannels; o++)
            {
                StridedCopy.Rows(grid.Slice(o * n), paddedWidth, y.Slice(o * outPlane), outWidth, outHeight, outWidth);
            }

            activation.Forward(y);
        }
    }

    /// <summary>The most unfolded rows (input channels x kernel taps) the direct path keeps an offset table for on the stack.</summary>
    private const int MaxDirectRows = 4096;

    /// <summary>
    /// Backward of <see cref="Forward{TActivation}"/> over the values it saved. Turns <paramref name="dOutputs"/>
    /// (<c>dL/dy</c>) into <c>dL/dz</c> in place, then accumulates (<c>+=</c>) <c>dL/dW</c> into <paramref name="dWeights"/>
    /// and <c>dL/db</c> into <paramref name="dBias"/> (empty: no bias), and writes (<c>=</c>) <c>dL/dx</c> into
    /// <paramref name="dInputs"/> unless it is empty.
    /// </summary>
    public static void Backward<TActivation>(
        TActivation activation, ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> outputs, Span<float> dOutputs,
        Span<float> dWeights, Span<float> dBias, Span<float> dInputs,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
        where TActivation : struct, IActivationOperator
        => Backward(activation, inputs, weights, outputs, dOutputs, dWeights, dBias, dInputs,
            batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, unfold: false);

    /// <summary>
    /// <see cref="Backward{TActivation}(TActivation, ReadOnlySpan{float}, ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Span{float}, Span{float}, Span{float}, int, int, int, int, int, int, int, int)"/>,
    /// with <paramref name="unfold"/> forcing the unfolded (im2col) path for every stride: the reference the direct
    /// stride-1 path is tested against.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Backward<TActivation>(
        TActivation activation, ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> outputs, Span<float> dOutputs,
        Span<float> dWeights, Span<float> dBias, Span<float> dInputs,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding, bool unfold)
        where TActivation : struct, IActivationOperator
    {
        CheckShapes(inputs.Length, weights.Length, dBias.Length, outputs.Length,
            batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, out int outHeight, out int outWidth);
        int inSample = inChannels * inHeight * inWidth, outPlane = outHeight * outWidth, outSample = outChannels * outPlane;
        if (dOutputs.Length != outputs.Length || dWeights.Length != weights.Length
            || (!dInputs.IsEmpty && dInputs.Length != inputs.Length))
        {
            throw new ArgumentException(
                $"Gradient buffers do not match their values: dOutputs {dOutputs.Length} (expected {outputs.Length}), " +
                $"dWeights {dWeights.Length} (expected {weights.Length}), dInputs {dInputs.Length} (expected 0 or {inputs.Length}).");
        }

        var shape = new Shape(inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, outHeight, outWidth, unfold);
        if (batch <= SamplesPerGroup)
        {
            ActivationLoops.Backward(activation, outputs.Slice(0, batch * outSample), dOutputs.Slice(0, batch * outSample));
            BackwardSamples(inputs, weights, dOutputs, dWeights, dBias, dInputs, shape, 0, batch);
            return;
        }

        // Groups of SamplesPerGroup samples, each summing its weight and bias gradients from zero into a partial of
        // its own; the partials are then added in group order. Groups are what the threads share out, so the result
        // is the same for any thread count.
        int groups = (batch + SamplesPerGroup - 1) / SamplesPerGroup, partialLength = weights.Length + dBias.Length;
        Span<float> partials = Scratch.Partials(groups * partialLength);
        partials.Clear();
        BackwardSamples(inputs, weights, dOutputs, dWeights, dBias, dInputs, shape, 0, 0); // sizes this thread's scratch
        fixed (float* pi = inputs, pw = weights, py = outputs, pdz = dOutputs, pdx = dInputs, pp = partials)
        {
            // Each group turns its own samples' dL/dy into dL/dz first, on the thread that then reads them.
            var job = new BackwardJob<TActivation>(
                activation, pi, pw, py, pdz, pdx, !dInputs.IsEmpty, pp, weights.Length, dBias.Length, batch, shape);
            KernelWorkers.Run(ref job, groups, 1, int.MaxValue);
        }

        for (int g = 0; g < groups; g++)
        {
            Span<float> partial = partials.Slice(g * partialLength, partialLength);
            TensorPrimitives.Add(dWeights, partial.Slice(0, weights.Length), dWeights);
            TensorPrimitives.Add(dBias, partial.Slice(weights.Length), dBias);
        }
    }

    /// <summary>
    /// The backward pass of samples <c>start &lt;= b &lt; end</c> over <c>dL/dz</c> in <paramref name="dz"/>: adds their
    /// weight and bias gradients into <paramref name="dWeights"/> and <paramref name="dBias"/> one sample after the
    /// other, and writes their input gradients unless <paramref name="dInputs"/> is empty.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardSamples(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> dz, Span<float> dWeights, Span<float> dBias,
        Span<float> dInputs, in Shape shape, int start, int end)
    {
        if (UsesDirectBackward(shape))
        {
            BackwardSamplesDirect(inputs, weights, dz, dWeights, dBias, dInputs, shape, start, end);
            return;
        }

        int rows = shape.Rows, outPlane = shape.OutPlane, outChannels = shape.OutChannels;
        int inSample = shape.InSample, outSample = outChannels * outPlane;
        Span<float> columns = Scratch.Columns(rows * outPlane);
        Span<float> dColumns = dInputs.IsEmpty ? default : Scratch.ColumnGradients(rows * outPlane);
        for (int b = start; b < end; b++)
        {
            ReadOnlySpan<float> dzb = dz.Slice(b * outSample, outSample); // [outC, P]
            ImageToColumns(inputs.Slice(b * inSample, inSample), columns, shape);

            // dW [outC, K] += dZ [outC, P] · columnsᵀ
            Gemm.DotRows(dzb, outPlane, columns, outPlane, dWeights, rows, outChannels, rows, outPlane, accumulate: true);
            for (int o = 0; o < dBias.Length; o++)
            {
                dBias[o] += TensorPrimitives.Sum(dzb.Slice(o * outPlane, outPlane));
            }

            if (!dInputs.IsEmpty)
            {
                // dColumns [K, P] = Wᵀ · dZ, then scattered back onto the image.
                dColumns.Clear();
                Gemm.AccumulateOuter(weights, rows, 1, dzb, outPlane, dColumns, outPlane, rows, outPlane, outChannels);
                Span<float> dx = dInputs.Slice(b * inSample, inSample);
                dx.Clear();
                ColumnsToImage(dColumns, dx, shape);
            }
        }
    }

    /// <summary>
    /// Whether <see cref="BackwardSamples"/> runs without unfolding: stride 1, and an offset table small enough for the
    /// stack.
    /// </summary>
    private static bool UsesDirectBackward(in Shape shape) => !shape.Unfold && shape.Stride == 1 && shape.Rows <= MaxDirectRows;

    /// <summary>
    /// The stride-1 backward pass of samples <c>start &lt;= b &lt; end</c> (at most <see cref="SamplesPerGroup"/>)
    /// without unfolding.
    /// </summary>
    /// <remarks>
    /// <para>Weight gradient: the samples' output gradients are laid out over the padded input width (<c>W + 2 padding</c>
    /// columns per row, zeros in the <c>kernelSize - 1</c> columns past each row), so that for every input channel and
    /// kernel tap <c>dW[o, c, ky, kx]</c> is the dot product of that layout with one contiguous run of the padded image,
    /// starting at the tap's offset. <see cref="Gemm.DotRowsSegmented"/> sums those runs over all the samples in vector
    /// accumulators and reduces each weight once.</para>
    /// <para>Input gradient: in the same layout, tap <c>(ky, kx)</c> contributes <c>Wᵀ[:, :, ky, kx] · dZ</c> to the
    /// padded input gradient shifted by that tap's offset, so each tap is one <see cref="Gemm"/> product of the output
    /// gradient with the tap's weights, added straight into the padded input gradient at that offset (rows a padded
    /// plane apart), reduced over the output channels: no unfolded copy and no products with padding.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardSamplesDirect(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> dz, Span<float> dWeights, Span<float> dBias,
        Span<float> dInputs, in Shape shape, int start, int end)
    {
        int inChannels = shape.InChannels, inHeight = shape.InHeight, inWidth = shape.InWidth, kernel = shape.Kernel, padding = shape.Padding;
        int outChannels = shape.OutChannels, outHeight = shape.OutHeight, outWidth = shape.OutWidth, outPlane = shape.OutPlane;
        int rows = shape.Rows, taps = kernel * kernel, inSample = shape.InSample, outSample = outChannels * outPlane;
        int count = end - start;

        // dW: the padded images [count, inC, PH, PW] and the gradients over the padded width [outC, count, n].
        int paddedWidth = inWidth + 2 * padding, paddedPlane = (inHeight + 2 * padding) * paddedWidth;
        int n = (outHeight - 1) * paddedWidth + outWidth;

        // As many samples per pass as keep the two buffers within DirectScratchLimit floats (a whole group for
        // LeNet-5's layers); larger images pass fewer samples at a time, in an order that depends on the shape alone.
        int samples = (int)Math.Clamp(DirectScratchLimit / ((long)outChannels * n + (long)inChannels * paddedPlane), 1, SamplesPerGroup);
        if (count > samples)
        {
            for (int first = start; first < end; first += samples)
            {
                BackwardSamplesDirect(inputs, weights, dz, dWeights, dBias, dInputs, shape, first, Math.Min(end, first + samples));
            }

            return;
        }

        Span<float> padded = padding > 0 ? Scratch.Padded(samples * inChannels * paddedPlane) : default;
        Span<float> gapped = Scratch.Columns(outChannels * samples * n);

        // dX: accumulated over the padded input [inC, PH, PW] (the input gradient itself without padding).
        bool inputGradients = !dInputs.IsEmpty;
        Span<float> paddedGradients = inputGradients && padding > 0 ? Scratch.PaddedGradients(inChannels * paddedPlane) : default;
        if (count <= 0)
        {
            return;
        }

        Span<int> offsets = stackalloc int[rows];
        for (int c = 0; c < inChannels; c++)
        {
            for (int ky = 0; ky < kernel; ky++)
            {
                for (int kx = 0; kx < kernel; kx++)
                {
                    offsets[(c * kernel + ky) * kernel + kx] = c * paddedPlane + ky * paddedWidth + kx;
                }
            }
        }

        ReadOnlySpan<float> images = inputs.Slice(start * inSample, count * inSample);
        int imageStride = inSample;
        if (padding > 0)
        {
            padded = padded.Slice(0, count * inChannels * paddedPlane);
            padded.Clear();
            for (int s = 0; s < count; s++)
            {
                for (int c = 0; c < inChannels; c++)
                {
                    StridedCopy.Rows(
                        images.Slice((s * inChannels + c) * inHeight * inWidth), inWidth,
                        padded.Slice((s * inChannels + c) * paddedPlane + padding * paddedWidth + padding), paddedWidth, inHeight, inWidth);
                }
            }

            images = padded;
            imageStride = inChannels * paddedPlane;
        }

        int gapLength = paddedWidth - outWidth;
        for (int o = 0; o < outChannels; o++)
        {
            for (int s = 0; s < count; s++)
            {
                ReadOnlySpan<float> from = dz.Slice((start + s) * outSample + o * outPlane, outPlane);
                Span<float> to = gapped.Slice((o * count + s) * n, n);
                StridedCopy.Rows(from, outWidth, to, paddedWidth, outHeight, outWidth);
                for (int oy = 0; oy + 1 < outHeight; oy++)
                {
                    to.Slice(oy * paddedWidth + outWidth, gapLength).Clear();
                }
            }
        }

        // dW [outC, (c, ky, kx)] += sum over samples and grid columns of gapped [o] · (padded image from offsets[(c, ky, kx)])
        Gemm.DotRowsSegmented(gapped, count * n, n, images, offsets, imageStride, dWeights, rows, outChannels, n, count, accumulate: true);
        for (int s = start; s < end; s++)
        {
            ReadOnlySpan<float> dzb = dz.Slice(s * outSample, outSample);
            for (int o = 0; o < dBias.Length; o++)
            {
                dBias[o] += TensorPrimitives.Sum(dzb.Slice(o * outPlane, outPlane));
            }
        }

        if (!inputGradients)
        {
            return;
        }

        for (int s = start; s < end; s++)
        {
            Span<float> dx = dInputs.Slice(s * inSample, inSample);
            Span<float> target = padding > 0 ? paddedGradients : dx;
            target.Clear();
            ReadOnlySpan<float> dzs = gapped.Slice((s - start) * n);
            for (int t = 0; t < taps; t++)
            {
                // dXpadded [c, offset(t) + j] += sum over o of W [o, c, t] · gapped [o, s, j]: tap t's contribution
                // scattered at its offset, the zeros past each output row adding nothing.
                int offset = t / kernel * paddedWidth + t % kernel;
                Gemm.AccumulateOuter(weights.Slice(t), inChannels * taps, taps, dzs, count * n, target.Slice(offset), paddedPlane, inChannels, n, outChannels);
            }

            if (padding > 0)
            {
                for (int c = 0; c < inChannels; c++)
                {
                    StridedCopy.Rows(
                        paddedGradients.Slice(c * paddedPlane + padding * paddedWidth + padding), paddedWidth,
                        dx.Slice(c * inHeight * inWidth), inWidth, inHeight, inWidth);
                }
            }
        }
    }

    /// <summary>
    /// The most floats the stride-1 backward lays out per pass (padded images and output gradients over the padded
    /// width, for several samples): 1 MB, about one core's L2 cache.
    /// </summary>
    internal const long DirectScratchLimit = 1 << 18;

    /// <summary>Samples per group in the backward pass of a large batch (see <c>Backward</c>).</summary>
    private const int SamplesPerGroup = 8;

    /// <summary>A layer's geometry, computed once per call.</summary>
    private readonly struct Shape(
        int inChannels, int inHeight, int inWidth, int outChannels, int kernel, int stride, int padding, int outHeight, int outWidth,
        bool unfold = false)
    {
        public readonly int InChannels = inChannels, InHeight = inHeight, InWidth = inWidth, OutChannels = outChannels;
        public readonly int Kernel = kernel, Stride = stride, Padding = padding, OutHeight = outHeight, OutWidth = outWidth;

        /// <summary>Backward unfolds whatever the stride (the reference path in tests).</summary>
        public readonly bool Unfold = unfold;

        public int InSample => InChannels * InHeight * InWidth;

        public int OutPlane => OutHeight * OutWidth;

        /// <summary>K: one unfolded row per input channel and kernel tap.</summary>
        public int Rows => InChannels * Kernel * Kernel;

        /// <summary>Multiply-adds per sample.</summary>
        public long Work => (long)OutChannels * Rows * OutPlane;
    }

    /// <summary><see cref="Forward{TActivation}"/> over a range of samples.</summary>
    private readonly struct ForwardJob<TActivation>(
        TActivation activation, float* inputs, float* weights, float* bias, int biasLength, float* outputs, Shape shape) : IRangeJob
        where TActivation : struct, IActivationOperator
    {
        public void Run(int start, int end)
        {
            int inSample = shape.InSample, outSample = shape.OutChannels * shape.OutPlane;
            ForwardSamples(
                activation,
                new ReadOnlySpan<float>(inputs + (long)start * inSample, (end - start) * inSample),
                new ReadOnlySpan<float>(weights, shape.OutChannels * shape.Rows),
                new ReadOnlySpan<float>(bias, biasLength),
                new Span<float>(outputs + (long)start * outSample, (end - start) * outSample),
                shape, 0, end - start);
        }
    }

    /// <summary>
    /// <c>Backward</c> over a range of sample groups, each through the activation's backward and then into its own
    /// partial.
    /// </summary>
    private readonly struct BackwardJob<TActivation>(
        TActivation activation, float* inputs, float* weights, float* outputs, float* dz, float* dInputs, bool hasInputGradients,
        float* partials, int weightLength, int biasLength, int batch, Shape shape) : IRangeJob
        where TActivation : struct, IActivationOperator
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            int inSample = shape.InSample, outSample = shape.OutChannels * shape.OutPlane, partialLength = weightLength + biasLength;
            var w = new ReadOnlySpan<float>(weights, weightLength);
            for (int g = start; g < end; g++)
            {
                int first = g * SamplesPerGroup, count = Math.Min(SamplesPerGroup, batch - first);
                var partial = new Span<float>(partials + (long)g * partialLength, partialLength);
                ActivationLoops.Backward(
                    activation,
                    new ReadOnlySpan<float>(outputs + (long)first * outSample, count * outSample),
                    new Span<float>(dz + (long)first * outSample, count * outSample));
                BackwardSamples(
                    new ReadOnlySpan<float>(inputs + (long)first * inSample, count * inSample),
                    w,
                    new ReadOnlySpan<float>(dz + (long)first * outSample, count * outSample),
                    partial.Slice(0, weightLength),
                    partial.Slice(weightLength),
                    hasInputGradients ? new Span<float>(dInputs + (long)first * inSample, count * inSample) : default,
                    shape, 0, count);
            }
        }
    }

    /// <summary>
    /// Unfolds one image into <paramref name="columns"/> <c>[inC * k * k, outH * outW]</c>: row <c>(c, ky, kx)</c> holds
    /// the input pixel each output position sees through that tap, zero where it falls in the padding.
    /// </summary>
    private static void ImageToColumns(ReadOnlySpan<float> image, Span<float> columns, in Shape shape)
    {
        int channels = shape.InChannels, height = shape.InHeight, width = shape.InWidth, kernel = shape.Kernel;
        int stride = shape.Stride, padding = shape.Padding, outHeight = shape.OutHeight, outWidth = shape.OutWidth;
        int plane = outHeight * outWidth;
        for (int c = 0; c < channels; c++)
        {
            ReadOnlySpan<float> xc = image.Slice(c * height * width, height * width);
            for (int ky = 0; ky < kernel; ky++)
            {
                ValidRange(ky, padding, stride, height, outHeight, out int oy0, out int oy1);
                for (int kx = 0; kx < kernel; kx++)
                {
                    ValidRange(kx, padding, stride, width, outWidth, out int ox0, out int ox1);
                    Span<float> row = columns.Slice(((c * kernel + ky) * kernel + kx) * plane, plane);
                    if (oy0 > 0 || oy1 < outHeight || ox0 > 0 || ox1 < outWidth)
                    {
                        row.Clear();
                    }

                    int n = ox1 - ox0;
                    if (n <= 0)
                    {
                        continue;
                    }

                    for (int oy = oy0; oy < oy1; oy++)
                    {
                        ReadOnlySpan<float> source = xc.Slice((oy * stride - padding + ky) * width + ox0 * stride - padding + kx, (n - 1) * stride + 1);
                        Span<float> destination = row.Slice(oy * outWidth + ox0, n);
                        if (stride == 1 && n >= 16)
                        {
                            source.CopyTo(destination);
                        }
                        else
                        {
                            // Short or strided rows: a plain loop beats a copy call per row.
                            ref float from = ref MemoryMarshal.GetReference(source);
                            ref float to = ref MemoryMarshal.GetReference(destination);
                            for (int i = 0; i < n; i++)
                            {
                                Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i * stride);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>The adjoint of <see cref="ImageToColumns"/>: adds each column entry back onto the pixel it was read from.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ColumnsToImage(ReadOnlySpan<float> columns, Span<float> image, in Shape shape)
    {
        int channels = shape.InChannels, height = shape.InHeight, width = shape.InWidth, kernel = shape.Kernel;
        int stride = shape.Stride, padding = shape.Padding, outHeight = shape.OutHeight, outWidth = shape.OutWidth;
        int plane = outHeight * outWidth;
        for (int c = 0; c < channels; c++)
        {
            Span<float> xc = image.Slice(c * height * width, height * width);
            for (int ky = 0; ky < kernel; ky++)
            {
                ValidRange(ky, padding, stride, height, outHeight, out int oy0, out int oy1);
                for (int kx = 0; kx < kernel; kx++)
                {
                    ValidRange(kx, padding, stride, width, outWidth, out int ox0, out int ox1);
                    int n = ox1 - ox0;
                    if (n <= 0)
                    {
                        continue;
                    }

                    ReadOnlySpan<float> row = columns.Slice(((c * kernel + ky) * kernel + kx) * plane, plane);
                    for (int oy = oy0; oy < oy1; oy++)
                    {
                        int target = (oy * stride - padding + ky) * width + ox0 * stride - padding + kx;
                        // Rows are short (one output row): a plain loop beats a call per row.
                        ReadOnlySpan<float> source = row.Slice(oy * outWidth + ox0, n);
                        Span<float> destination = xc.Slice(target, (n - 1) * stride + 1);
                        ref float from = ref MemoryMarshal.GetReference(source);
                        ref float to = ref MemoryMarshal.GetReference(destination);
                        for (int i = 0; i < n; i++)
                        {
                            Unsafe.Add(ref to, i * stride) += Unsafe.Add(ref from, i);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Per-thread unfolding buffers, grown once to the largest layer seen: steady-state calls allocate nothing.</summary>
    private static class Scratch
    {
        [ThreadStatic]
        private static float[]? s_columns;

        [ThreadStatic]
        private static float[]? s_columnGradients;

        [ThreadStatic]
        private static float[]? s_partials;

        [ThreadStatic]
        private static float[]? s_padded;

        [ThreadStatic]
        private static float[]? s_paddedGradients;

        public static Span<float> Columns(int length) => Get(ref s_columns, length);

        public static Span<float> ColumnGradients(int length) => Get(ref s_columnGradients, length);

        public static Span<float> Partials(int length) => Get(ref s_partials, length);

        public static Span<float> Padded(int length) => Get(ref s_padded, length);

        public static Span<float> PaddedGradients(int length) => Get(ref s_paddedGradients, length);

        private static Span<float> Get(ref float[]? buffer, int length)
        {
            if (buffer is null || buffer.Length < length)
            {
                buffer = new float[length];
            }

            return buffer.AsSpan(0, length);
        }
    }

    private static void ValidRange(int tap, int padding, int stride, int inputSize, int outputSize, out int first, out int end)
    {
        int low = padding - tap; // o stride >= low
        first = low <= 0 ? 0 : (low + stride - 1) / stride;
        int high = inputSize - 1 + padding - tap; // o stride <= high
        end = high < 0 ? 0 : Math.Min(outputSize, high / stride + 1);
    }

    private static void CheckShapes(
        int inputs, int weights, int bias, int outputs,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding,
        out int outHeight, out int outWidth)
    {
        if (batch < 0 || inChannels < 1 || outChannels < 1)
        {
            throw new ArgumentException(
                $"Conv2D needs batch >= 0, inChannels >= 1 and outChannels >= 1; got batch {batch}, inChannels {inChannels}, outChannels {outChannels}.");
        }

        outHeight = OutputSize(inHeight, kernelSize, stride, padding);
        outWidth = OutputSize(inWidth, kernelSize, stride, padding);
        int inSize = inChannels * inHeight * inWidth, outSize = outChannels * outHeight * outWidth;
        int weightSize = outChannels * inChannels * kernelSize * kernelSize;
        if (inputs < batch * inSize || weights != weightSize || (bias != 0 && bias != outChannels) || outputs < batch * outSize)
        {
            throw new ArgumentException(
                $"Conv2D {inChannels}x{inHeight}x{inWidth} -> {outChannels}x{outHeight}x{outWidth} (kernel {kernelSize}, stride {stride}, " +
                $"padding {padding}) with batch {batch} needs inputs >= {batch * inSize}, weights = {weightSize}, " +
                $"bias 0 or {outChannels}, outputs >= {batch * outSize}; " +
                $"got inputs {inputs}, weights {weights}, bias {bias}, outputs {outputs}.");
        }
    }
}
