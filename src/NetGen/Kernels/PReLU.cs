using System;

namespace NetGen.Kernels;

/// <summary>
/// Parametric ReLU, as <c>torch.nn.PReLU(num_parameters)</c>: <c>y = z</c> where <c>z &gt; 0</c>, else <c>a * z</c>, with
/// learned slopes <c>a</c>: one for the whole layer, or one per channel (per unit of a dense layer). Shapes:
/// <c>inputs</c> and <c>outputs [batch, channels, spatial]</c>, <c>slopes [1]</c> or <c>[channels]</c>.
/// </summary>
public static class PReLU
{
    /// <summary>The initial slope, as PyTorch's <c>init=0.25</c>.</summary>
    public const float InitialSlope = 0.25f;

    /// <summary><c>outputs = z &gt; 0 ? z : a * z</c>.</summary>
    public static void Forward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> slopes, Span<float> outputs, int batch, int channels, int spatial)
    {
        CheckShapes(inputs.Length, slopes.Length, outputs.Length, batch, channels, spatial);
        for (int b = 0; b < batch; b++)
        {
            for (int c = 0; c < channels; c++)
            {
                float a = slopes.Length == 1 ? slopes[0] : slopes[c];
                int start = (b * channels + c) * spatial;
                for (int i = start; i < start + spatial; i++)
                {
                    float z = inputs[i];
                    outputs[i] = z > 0f ? z : a * z;
                }
            }
        }
    }

    /// <summary>
    /// Backward of <see cref="Forward"/>: accumulates (<c>+=</c>) <c>dL/da = sum(dy * z)</c> over <c>z &lt;= 0</c> into
    /// <paramref name="dSlopes"/>, then turns <paramref name="dOutputs"/> into <c>dL/dz</c> in place.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> inputs, ReadOnlySpan<float> slopes, Span<float> dOutputs, Span<float> dSlopes, int batch, int channels, int spatial)
    {
        CheckShapes(inputs.Length, slopes.Length, dOutputs.Length, batch, channels, spatial);
        if (dSlopes.Length != slopes.Length)
        {
            throw new ArgumentException($"dSlopes has {dSlopes.Length} values but there are {slopes.Length} slopes.", nameof(dSlopes));
        }

        for (int b = 0; b < batch; b++)
        {
            for (int c = 0; c < channels; c++)
            {
                int slope = slopes.Length == 1 ? 0 : c;
                float a = slopes[slope];
                double da = 0;
                int start = (b * channels + c) * spatial;
                for (int i = start; i < start + spatial; i++)
                {
                    float z = inputs[i];
                    if (z <= 0f)
                    {
                        da += (double)dOutputs[i] * z;
                        dOutputs[i] *= a;
                    }
                }

                dSlopes[slope] += (float)da;
            }
        }
    }

    private static void CheckShapes(int inputs, int slopes, int outputs, int batch, int channels, int spatial)
    {
        int expected = batch * channels * spatial;
        if (inputs < expected || outputs < expected || (slopes != 1 && slopes != channels))
        {
            throw new ArgumentException(
                $"PReLU over [{batch}, {channels}, {spatial}] needs {expected} inputs and outputs and 1 or {channels} slopes; " +
                $"got inputs {inputs}, outputs {outputs}, slopes {slopes}.");
        }
    }
}
