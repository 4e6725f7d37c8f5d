using System;

namespace NetGen.Kernels;

/// <summary>
/// Sigmoid fused with binary cross-entropy, on logits, as <c>torch.nn.BCEWithLogitsLoss(reduction='mean')</c>:
/// <c>L = sum(max(z, 0) - z t + log(1 + exp(-|z|))) / n</c>, <c>dL/dz = (sigmoid(z) - t) / n</c> with
/// <c>n = outputs.Length</c>.
/// </summary>
/// <remarks>
/// Stable for any logit: nothing overflows for <c>z = ±1e4</c>, and an infinite logit on the side of its target
/// (<c>z = +inf, t = 1</c> or <c>z = -inf, t = 0</c>) costs 0 rather than NaN; on the wrong side the loss is infinite.
/// Targets are not checked, as in PyTorch.
/// </remarks>
public static class BinaryCrossEntropyWithLogits
{
    /// <summary>The mean loss.</summary>
    public static float Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        CheckLengths(outputs.Length, targets.Length, outputs.Length);
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            sum += Term(outputs[i], targets[i]);
        }

        return (float)(sum / outputs.Length);
    }

    /// <summary>Returns the mean loss and writes <c>dL/dz</c> into <paramref name="dOutputs"/>.</summary>
    public static float Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> dOutputs)
    {
        CheckLengths(outputs.Length, targets.Length, dOutputs.Length);
        double sum = 0;
        double n = outputs.Length;
        for (int i = 0; i < outputs.Length; i++)
        {
            double z = outputs[i], t = targets[i];
            sum += Term(z, t);
            dOutputs[i] = (float)((Sigmoid(z) - t) / n);
        }

        return (float)(sum / n);
    }

    /// <summary>
    /// <c>max(z, 0) - z t + log(1 + exp(-|z|))</c>, with <c>max(z, 0) - z t</c> written as <c>z (1 - t)</c> or
    /// <c>-z t</c> by the sign of z, and a zero factor kept zero so that an infinite logit does not make NaN.
    /// </summary>
    private static double Term(double z, double t)
    {
        double linear = z >= 0
            ? (t == 1 ? 0 : z * (1 - t))
            : (t == 0 ? 0 : -z * t);
        return linear + Log1P(Math.Exp(-Math.Abs(z)));
    }

    private static double Sigmoid(double z)
    {
        if (z >= 0)
        {
            return 1 / (1 + Math.Exp(-z));
        }

        double e = Math.Exp(z); // z < 0 (or NaN): no overflow
        return e / (1 + e);
    }

    /// <summary><c>log(1 + u)</c> for <c>u</c> in <c>[0, 1]</c>, keeping the precision of tiny <c>u</c>.</summary>
    private static double Log1P(double u)
    {
        double w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }

    private static void CheckLengths(int outputs, int targets, int dOutputs)
    {
        if (outputs == 0 || targets != outputs || dOutputs != outputs)
        {
            throw new ArgumentException(
                $"Binary cross-entropy with logits needs non-empty logits, targets and gradients of one length; " +
                $"got {outputs}, {targets} and {dOutputs}.");
        }
    }
}
