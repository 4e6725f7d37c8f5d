using System;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace NetGen.Kernels;

/// <summary>
/// Row-wise softmax, as <c>torch.softmax(z, dim=-1)</c> on <c>values [batch, classes]</c>:
/// <c>y = exp(z - max(z)) / sum(exp(z - max(z)))</c>. Not element-wise, so it is not an <see cref="IActivationOperator"/>;
/// its backward needs the whole row: <c>dz = y * (dy - sum_j dy_j y_j)</c>. Spans may be longer than
/// <c>batch * classes</c>; the rest is left alone.
/// </summary>
public static class Softmax
{
    /// <summary>Replaces each row of logits by its probabilities, with the row maximum subtracted first.</summary>
    public static void Forward(Span<float> values, int batch, int classes)
    {
        CheckShapes(values.Length, values.Length, batch, classes);
        for (int b = 0; b < batch; b++)
        {
            Span<float> row = values.Slice(b * classes, classes);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, row);
            TensorPrimitives.Exp(row, row);
            TensorPrimitives.Divide(row, TensorPrimitives.Sum(row), row);
        }
    }

    /// <summary>
    /// Backward of <see cref="Forward"/> over the <paramref name="outputs"/> it wrote: turns <paramref name="dOutputs"/>
    /// (<c>dL/dy</c>, <c>[batch, classes]</c>) into <c>dL/dz</c> in place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward(ReadOnlySpan<float> outputs, Span<float> dOutputs, int batch, int classes)
    {
        CheckShapes(outputs.Length, dOutputs.Length, batch, classes);
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> y = outputs.Slice(b * classes, classes);
            Span<float> dy = dOutputs.Slice(b * classes, classes);
            float dot = TensorPrimitives.Dot(dy, y);
            TensorPrimitives.Subtract(dy, dot, dy);
            TensorPrimitives.Multiply(dy, y, dy);
        }
    }

    private static void CheckShapes(int values, int dValues, int batch, int classes)
    {
        if (batch < 0 || classes <= 0 || values < batch * classes || dValues < batch * classes)
        {
            throw new ArgumentException(
                $"Softmax over batch {batch} x {classes} classes needs batch >= 0, classes > 0 and at least " +
                $"{(long)batch * classes} values and gradients; got {values} values and {dValues} gradients.");
        }
    }
}
