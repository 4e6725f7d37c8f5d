using System;

namespace NetGen.Kernels;

/// <summary>
/// Mean absolute error over every element, as <c>torch.nn.L1Loss(reduction='mean')</c>:
/// <c>L = sum(|y - t|) / n</c>, <c>dL/dy = sign(y - t) / n</c> with <c>sign(0) = 0</c> and <c>n = outputs.Length</c>.
/// </summary>
public static class MeanAbsoluteError
{
    /// <summary>The mean loss.</summary>
    public static float Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        CheckLengths(outputs.Length, targets.Length, outputs.Length);
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            sum += Math.Abs((double)outputs[i] - targets[i]);
        }

        return (float)(sum / outputs.Length);
    }

    /// <summary>Returns the mean loss and writes <c>dL/dy</c> into <paramref name="dOutputs"/>.</summary>
    public static float Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> dOutputs)
    {
        CheckLengths(outputs.Length, targets.Length, dOutputs.Length);
        double sum = 0;
        float scale = 1f / outputs.Length;
        for (int i = 0; i < outputs.Length; i++)
        {
            float d = outputs[i] - targets[i]; // exact sign: a float difference is 0 only for equal values
            sum += Math.Abs((double)outputs[i] - targets[i]);
            dOutputs[i] = d > 0f ? scale : d < 0f ? -scale : d; // 0 stays 0, NaN stays NaN
        }

        return (float)(sum / outputs.Length);
    }

    private static void CheckLengths(int outputs, int targets, int dOutputs)
    {
        if (outputs == 0 || targets != outputs || dOutputs != outputs)
        {
            throw new ArgumentException(
                $"L1 loss needs non-empty outputs, targets and gradients of one length; got {outputs}, {targets} and {dOutputs}.");
        }
    }
}
