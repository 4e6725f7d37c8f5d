using System;
using System.Runtime.CompilerServices;
using System.Numerics.Tensors;

namespace NetGen.Kernels;

/// <summary>
/// Softmax fused with cross-entropy on logits, as <c>torch.nn.CrossEntropyLoss(reduction='mean')</c>:
/// per sample <c>L = logsumexp(z) - sum(t * z) / sum(t)</c> times <c>sum(t)</c>, averaged over the batch; the
/// gradient is <c>(softmax(z) * sum(t) - t) / batch</c>, which for a class index is <c>(p - onehot) / batch</c>.
/// Computed with the maximum subtracted, so large logits do not overflow.
/// </summary>
public static class SoftmaxCrossEntropy
{
    /// <summary>Mean loss for class indices, and <c>dL/dz</c> written into <paramref name="dLogits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Backward(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, Span<float> dLogits, int batch, int classes)
    {
        CheckShapes(logits.Length, labels.Length * classes, dLogits.Length, batch, classes);
        double total = 0;
        float invBatch = 1f / batch;
        for (int b = 0; b < batch; b++)
        {
            int label = labels[b];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(labels), label, $"labels[{b}] is {label}; class indices must be in [0, {classes}).");
            }

            ReadOnlySpan<float> z = logits.Slice(b * classes, classes);
            Span<float> dz = dLogits.Slice(b * classes, classes);
            float logSumExp = SoftmaxInto(z, dz);
            total += logSumExp - z[label];
            TensorPrimitives.Multiply(dz, invBatch, dz);
            dz[label] -= invBatch;
        }

        return (float)(total / batch);
    }

    /// <summary>Mean loss for class probabilities (soft labels), and <c>dL/dz</c> written into <paramref name="dLogits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Backward(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> dLogits, int batch, int classes)
    {
        CheckShapes(logits.Length, targets.Length, dLogits.Length, batch, classes);
        double total = 0;
        float invBatch = 1f / batch;
        for (int b = 0; b < batch; b++)
        {
            ReadOnlySpan<float> z = logits.Slice(b * classes, classes);
            ReadOnlySpan<float> t = targets.Slice(b * classes, classes);
            Span<float> dz = dLogits.Slice(b * classes, classes);
            float logSumExp = SoftmaxInto(z, dz);
            float mass = TensorPrimitives.Sum(t);
            total += (double)mass * logSumExp - TensorPrimitives.Dot(t, z);
            for (int c = 0; c < classes; c++)
            {
                dz[c] = (dz[c] * mass - t[c]) * invBatch;
            }
        }

        return (float)(total / batch);
    }

    /// <summary>Writes <c>softmax(z)</c> into <paramref name="probabilities"/> and returns <c>logsumexp(z)</c>.</summary>
    private static float SoftmaxInto(ReadOnlySpan<float> z, Span<float> probabilities)
    {
        float max = TensorPrimitives.Max(z);
        TensorPrimitives.Subtract(z, max, probabilities);
        TensorPrimitives.Exp(probabilities, probabilities);
        float sum = TensorPrimitives.Sum(probabilities);
        TensorPrimitives.Multiply(probabilities, 1f / sum, probabilities);
        return max + MathF.Log(sum);
    }

    private static void CheckShapes(int logits, int targets, int dLogits, int batch, int classes)
    {
        int expected = batch * classes;
        if (batch <= 0 || logits < expected || targets != expected || dLogits < expected)
        {
            throw new ArgumentException(
                $"Cross-entropy over batch {batch} x {classes} classes needs {expected} logits, targets and gradients; " +
                $"got logits {logits}, targets {targets} (labels x classes), gradients {dLogits}.");
        }
    }
}
