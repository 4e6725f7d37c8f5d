using System;
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
/// Both halves loop over kernel taps outside and output pixels inside: for each tap <c>(ky, kx)</c> the rows and
/// columns whose input pixel falls inside the image are computed once, so the inner loops run without padding
/// branches, and with stride 1 they are contiguous multiply-adds and dot products.
/// </remarks>
public static class Conv2D
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
        int inPlane = inHeight * inWidth, outPlane = outHeight * outWidth, taps = kernelSize * kernelSize;
        bool hasBias = !bias.IsEmpty;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> x = inputs.Slice(b * inChannels * inPlane, inChannels * inPlane); // [inC, inH, inW]
            Span<float> y = outputs.Slice(b * outChannels * outPlane, outChannels * outPlane);   // [outC, outH, outW]
            for (int o = 0; o < outChannels; o++)
            {
                Span<float> yo = y.Slice(o * outPlane, outPlane); // [outH, outW]
                yo.Fill(hasBias ? bias[o] : 0f);
                for (int c = 0; c < inChannels; c++)
                {
                    ReadOnlySpan<float> xc = x.Slice(c * inPlane, inPlane);                       // [inH, inW]
                    ReadOnlySpan<float> w = weights.Slice((o * inChannels + c) * taps, taps);     // [k, k]
                    for (int ky = 0; ky < kernelSize; ky++)
                    {
                        ValidRange(ky, padding, stride, inHeight, outHeight, out int oy0, out int oy1);
                        for (int kx = 0; kx < kernelSize; kx++)
                        {
                            ValidRange(kx, padding, stride, inWidth, outWidth, out int ox0, out int ox1);
                            int n = ox1 - ox0;
                            if (n <= 0)
                            {
                                continue;
                            }

                            float wk = w[ky * kernelSize + kx];
                            int ix0 = ox0 * stride - padding + kx;
                            for (int oy = oy0; oy < oy1; oy++)
                            {
                                int iy = oy * stride - padding + ky;
                                Span<float> yr = yo.Slice(oy * outWidth + ox0, n);
                                if (stride == 1)
                                {
                                    TensorPrimitives.MultiplyAdd(xc.Slice(iy * inWidth + ix0, n), wk, yr, yr);
                                }
                                else
                                {
                                    ReadOnlySpan<float> xr = xc.Slice(iy * inWidth + ix0, (n - 1) * stride + 1);
                                    for (int j = 0; j < yr.Length; j++)
                                    {
                                        yr[j] += wk * xr[j * stride];
                                    }
                                }
                            }
                        }
                    }
                }
            }

            activation.Forward(y);
        }
    }

    /// <summary>
    /// Backward of <see cref="Forward{TActivation}"/> over the values it saved. Turns <paramref name="dOutputs"/>
    /// (<c>dL/dy</c>, <c>[batch, outChannels, outHeight, outWidth]</c>) into <c>dL/dz</c> in place, then accumulates
    /// (<c>+=</c>) <c>dL/dW</c> into <paramref name="dWeights"/> and <c>dL/db</c> into <paramref name="dBias"/> (empty:
    /// no bias), and writes (<c>=</c>) <c>dL/dx</c> into <paramref name="dInputs"/> unless it is empty (the first layer
    /// needs none).
    /// </summary>
    public static void Backward<TActivation>(
        TActivation activation, ReadOnlySpan<float> inputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> outputs, Span<float> dOutputs,
        Span<float> dWeights, Span<float> dBias, Span<float> dInputs,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
        where TActivation : struct, IActivationOperator
    {
        CheckShapes(inputs.Length, weights.Length, dBias.Length, outputs.Length,
            batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, out int outHeight, out int outWidth);
        if (dOutputs.Length != outputs.Length || dWeights.Length != weights.Length
            || (!dInputs.IsEmpty && dInputs.Length != inputs.Length))
        {
            throw new ArgumentException(
                $"Conv2D gradient buffers do not match their values: dOutputs {dOutputs.Length} (expected {outputs.Length}), " +
                $"dWeights {dWeights.Length} (expected {weights.Length}), dInputs {dInputs.Length} (expected 0 or {inputs.Length}).");
        }

        int inPlane = inHeight * inWidth, outPlane = outHeight * outWidth, taps = kernelSize * kernelSize;
        Span<float> dz = dOutputs.Slice(0, batch * outChannels * outPlane);
        ActivationLoops.Backward(activation, outputs.Slice(0, batch * outChannels * outPlane), dz);
        bool hasBias = !dBias.IsEmpty;
        bool needInputs = !dInputs.IsEmpty;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> x = inputs.Slice(b * inChannels * inPlane, inChannels * inPlane); // [inC, inH, inW]
            ReadOnlySpan<float> g = dz.Slice(b * outChannels * outPlane, outChannels * outPlane); // [outC, outH, outW]
            Span<float> dx = needInputs ? dInputs.Slice(b * inChannels * inPlane, inChannels * inPlane) : default;
            dx.Clear();
            for (int o = 0; o < outChannels; o++)
            {
                ReadOnlySpan<float> go = g.Slice(o * outPlane, outPlane); // [outH, outW]
                if (hasBias)
                {
                    dBias[o] += TensorPrimitives.Sum(go);
                }

                for (int c = 0; c < inChannels; c++)
                {
                    ReadOnlySpan<float> xc = x.Slice(c * inPlane, inPlane);                   // [inH, inW]
                    Span<float> dxc = needInputs ? dx.Slice(c * inPlane, inPlane) : default;  // [inH, inW]
                    ReadOnlySpan<float> w = weights.Slice((o * inChannels + c) * taps, taps); // [k, k]
                    Span<float> dw = dWeights.Slice((o * inChannels + c) * taps, taps);       // [k, k]
                    for (int ky = 0; ky < kernelSize; ky++)
                    {
                        ValidRange(ky, padding, stride, inHeight, outHeight, out int oy0, out int oy1);
                        for (int kx = 0; kx < kernelSize; kx++)
                        {
                            ValidRange(kx, padding, stride, inWidth, outWidth, out int ox0, out int ox1);
                            int n = ox1 - ox0;
                            if (n <= 0)
                            {
                                continue;
                            }

                            float wk = w[ky * kernelSize + kx];
                            int ix0 = ox0 * stride - padding + kx;
                            float sum = 0f;
                            for (int oy = oy0; oy < oy1; oy++)
                            {
                                int iy = oy * stride - padding + ky;
                                ReadOnlySpan<float> gr = go.Slice(oy * outWidth + ox0, n);
                                if (stride == 1)
                                {
                                    sum += TensorPrimitives.Dot(xc.Slice(iy * inWidth + ix0, n), gr);
                                    if (needInputs)
                                    {
                                        Span<float> dxr = dxc.Slice(iy * inWidth + ix0, n);
                                        TensorPrimitives.MultiplyAdd(gr, wk, dxr, dxr);
                                    }
                                }
                                else
                                {
                                    int span = (n - 1) * stride + 1;
                                    ReadOnlySpan<float> xr = xc.Slice(iy * inWidth + ix0, span);
                                    for (int j = 0; j < gr.Length; j++)
                                    {
                                        sum += gr[j] * xr[j * stride];
                                    }

                                    if (needInputs)
                                    {
                                        Span<float> dxr = dxc.Slice(iy * inWidth + ix0, span);
                                        for (int j = 0; j < gr.Length; j++)
                                        {
                                            dxr[j * stride] += wk * gr[j];
                                        }
                                    }
                                }
                            }

                            dw[ky * kernelSize + kx] += sum;
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// The output rows (or columns) <c>[first, end)</c> whose input pixel <c>o stride - padding + tap</c> lies inside
    /// <c>[0, inputSize)</c>; the others read padding.
    /// </summary>
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
