using System;

namespace NetGen.Kernels;

/// <summary>
/// Binary cross-entropy on probabilities, as <c>torch.nn.BCELoss(reduction='mean')</c>:
/// <c>L = -sum(t * max(log y, -100) + (1 - t) * max(log(1 - y), -100)) / n</c>, and, as PyTorch's backward,
/// <c>dL/dy = (y - t) / (max(y (1 - y), 1e-12) * n)</c> with <c>n = outputs.Length</c>.
/// </summary>
/// <remarks>
/// The clamps keep the loss finite at <c>y = 0</c> or <c>1</c> (a wrong answer costs 100 per element) and the
/// gradient finite (at most <c>1e12 / n</c>); like PyTorch's, the gradient is the unclamped formula, not the
/// derivative of the clamped loss. Outputs must lie in <c>[0, 1]</c> (after a sigmoid; on logits use
/// <see cref="BinaryCrossEntropyWithLogits"/>, which is also more accurate), and so must targets; anything else
/// throws <see cref="ArgumentOutOfRangeException"/> naming the first bad index. A NaN output gives a NaN loss, so that
/// training reports a non-finite loss as for every other loss.
/// </remarks>
public static class BinaryCrossEntropy
{
    /// <summary>PyTorch's floor for each logarithm.</summary>
    public const double LogFloor = -100;

    /// <summary>PyTorch's floor for <c>y (1 - y)</c> in the gradient's denominator.</summary>
    public const double Epsilon = 1e-12;

    /// <summary>The mean loss.</summary>
    public static float Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        Check(outputs, targets, outputs.Length);
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            sum += Term(outputs[i], targets[i]);
        }

        return (float)(sum / outputs.Length);
    }

    /// <summary>Returns the mean loss and writes <c>dL/dy</c> into <paramref name="dOutputs"/>.</summary>
    public static float Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> dOutputs)
    {
        Check(outputs, targets, dOutputs.Length);
        double sum = 0;
        double n = outputs.Length;
        for (int i = 0; i < outputs.Length; i++)
        {
            double y = outputs[i], t = targets[i];
            sum += Term(y, t);
            dOutputs[i] = (float)((y - t) / (Math.Max(y * (1 - y), Epsilon) * n));
        }

        return (float)(sum / n);
    }

    // 1 - y is exact in double for a float y, so log(1 - y) loses nothing against log1p(-y).
    private static double Term(double y, double t) =>
        -(t * Math.Max(Math.Log(y), LogFloor) + (1 - t) * Math.Max(Math.Log(1 - y), LogFloor));

    private static void Check(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int dOutputs)
    {
        if (outputs.Length == 0 || targets.Length != outputs.Length || dOutputs != outputs.Length)
        {
            throw new ArgumentException(
                $"Binary cross-entropy needs non-empty outputs, targets and gradients of one length; " +
                $"got {outputs.Length}, {targets.Length} and {dOutputs}.");
        }

        for (int i = 0; i < outputs.Length; i++)
        {
            if (outputs[i] < 0f || outputs[i] > 1f) // NaN passes and makes the loss NaN, which training reports
            {
                throw new ArgumentOutOfRangeException(
                    nameof(outputs), outputs[i],
                    $"outputs[{i}] is {outputs[i]}; binary cross-entropy needs probabilities in [0, 1] " +
                    "(apply a sigmoid first, or use BinaryCrossEntropyWithLogits on logits).");
            }

            if (!(targets[i] >= 0f && targets[i] <= 1f))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(targets), targets[i], $"targets[{i}] is {targets[i]}; binary cross-entropy needs targets in [0, 1].");
            }
        }
    }
}
