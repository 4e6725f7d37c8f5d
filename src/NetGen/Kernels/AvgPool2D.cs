using System;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace NetGen.Kernels;

/// <summary>
/// 2-D average pooling (<c>torch.nn.AvgPool2d</c> with its defaults: no padding, so every window holds
/// <c>size * size</c> pixels), forward then backward with the same argument order. Shapes as <see cref="MaxPool2D"/>:
/// <c>inputs [batch, channels, inHeight, inWidth]</c>, <c>outputs [batch, channels, outHeight, outWidth]</c> with
/// <c>outHeight = (inHeight - size) / stride + 1</c> rounded down, likewise the width.
/// </summary>
public static class AvgPool2D
{
    /// <summary><c>outputs[b, c, y, x] = mean over the window of inputs[b, c, y stride + dy, x stride + dx]</c>, <c>0 &lt;= dy, dx &lt; size</c>.</summary>
    public static void Forward(
        ReadOnlySpan<float> inputs, Span<float> outputs,
        int batch, int channels, int inHeight, int inWidth, int size, int stride)
    {
        MaxPool2D.CheckShapes("AvgPool2D", inputs.Length, outputs.Length, batch, channels, inHeight, inWidth, size, stride,
            out int outHeight, out int outWidth);
        int inPlane = inHeight * inWidth, outPlane = outHeight * outWidth;
        float scale = 1f / (size * size);
        for (int p = 0; p < batch * channels; p++)
        {
            ReadOnlySpan<float> x = inputs.Slice(p * inPlane, inPlane); // [inH, inW]
            Span<float> y = outputs.Slice(p * outPlane, outPlane);      // [outH, outW]
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int start = oy * stride * inWidth + ox * stride;
                    float sum = 0f;
                    for (int dy = 0; dy < size; dy++)
                    {
                        sum += TensorPrimitives.Sum(x.Slice(start + dy * inWidth, size));
                    }

                    y[oy * outWidth + ox] = sum * scale;
                }
            }
        }
    }

    /// <summary>
    /// Backward of <see cref="Forward"/>: writes (<c>=</c>) <c>dL/dx</c> into <paramref name="dInputs"/>, each output
    /// gradient spread as <c>dOutputs / (size * size)</c> over its window; where windows overlap, the gradients add up.
    /// <paramref name="outputs"/> is only checked (the mean's derivative does not depend on it). An empty
    /// <paramref name="dInputs"/> means none is needed and does nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(
        ReadOnlySpan<float> inputs, ReadOnlySpan<float> outputs, ReadOnlySpan<float> dOutputs, Span<float> dInputs,
        int batch, int channels, int inHeight, int inWidth, int size, int stride)
    {
        MaxPool2D.CheckShapes("AvgPool2D", inputs.Length, outputs.Length, batch, channels, inHeight, inWidth, size, stride,
            out int outHeight, out int outWidth);
        MaxPool2D.CheckGradients("AvgPool2D", inputs.Length, outputs.Length, dOutputs.Length, dInputs.Length);
        if (dInputs.IsEmpty)
        {
            return;
        }

        int inPlane = inHeight * inWidth, outPlane = outHeight * outWidth;
        float scale = 1f / (size * size);
        dInputs.Slice(0, batch * channels * inPlane).Clear();
        for (int p = 0; p < batch * channels; p++)
        {
            ReadOnlySpan<float> g = dOutputs.Slice(p * outPlane, outPlane); // [outH, outW]
            Span<float> dx = dInputs.Slice(p * inPlane, inPlane);           // [inH, inW]
            for (int oy = 0; oy < outHeight; oy++)
            {
                for (int ox = 0; ox < outWidth; ox++)
                {
                    int start = oy * stride * inWidth + ox * stride;
                    float share = g[oy * outWidth + ox] * scale;
                    for (int dy = 0; dy < size; dy++)
                    {
                        Span<float> row = dx.Slice(start + dy * inWidth, size);
                        TensorPrimitives.Add(row, share, row);
                    }
                }
            }
        }
    }
}
