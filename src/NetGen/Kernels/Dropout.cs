using System;
using System.Numerics.Tensors;

namespace NetGen.Kernels;

/// <summary>
/// Inverted dropout for training (<c>torch.nn.Dropout</c> in training mode), forward then backward with the same
/// argument order. Each value is kept with probability <c>1 - p</c> and scaled by <c>1 / (1 - p)</c>, so the
/// expected output equals the input and inference needs no rescaling (it skips the layer). The scale-or-zero
/// factors are saved in <c>mask</c> for backward. All buffers have the same length.
/// </summary>
public static class Dropout
{
    /// <summary>
    /// <c>mask[i] = random.NextSingle() &gt;= p ? 1 / (1 - p) : 0</c>, <c>outputs[i] = inputs[i] * mask[i]</c>; one random
    /// draw per value, in order, so a seed fixes the mask.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="p"/> is not in <c>[0, 1)</c>.</exception>
    public static void Forward(ReadOnlySpan<float> inputs, Span<float> outputs, Span<float> mask, float p, SeededRandom random)
    {
        if (!(p >= 0f && p < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability p must be in [0, 1).");
        }

        ArgumentNullException.ThrowIfNull(random);
        if (outputs.Length != inputs.Length || mask.Length != inputs.Length)
        {
            throw new ArgumentException(
                $"Dropout needs inputs, outputs and mask of one length; got inputs {inputs.Length}, outputs {outputs.Length}, mask {mask.Length}.");
        }

        float scale = 1f / (1f - p);
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = random.NextSingle() >= p ? scale : 0f;
        }

        TensorPrimitives.Multiply(inputs, mask, outputs);
    }

    /// <summary>Backward of <see cref="Forward"/>: writes (<c>=</c>) <c>dInputs[i] = dOutputs[i] * mask[i]</c>.</summary>
    public static void Backward(ReadOnlySpan<float> mask, ReadOnlySpan<float> dOutputs, Span<float> dInputs)
    {
        if (dOutputs.Length != mask.Length || dInputs.Length != mask.Length)
        {
            throw new ArgumentException(
                $"Dropout needs mask, dOutputs and dInputs of one length; got mask {mask.Length}, dOutputs {dOutputs.Length}, dInputs {dInputs.Length}.");
        }

        TensorPrimitives.Multiply(dOutputs, mask, dInputs);
    }
}
