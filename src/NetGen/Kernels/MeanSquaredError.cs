using System;

namespace NetGen.Kernels;

/// <summary>
/// Mean squared error over every element, as <c>torch.nn.MSELoss(reduction='mean')</c>:
/// <c>L = sum((y - t)^2) / n</c>, <c>dL/dy = 2 (y - t) / n</c> with <c>n = outputs.Length</c>.
/// </summary>
public static class MeanSquaredError
{
    /// <summary>The mean loss.</summary>
    public static float Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets)
    {
        CheckLengths(outputs.Length, targets.Length, outputs.Length);
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double d = outputs[i] - targets[i];
            sum += d * d;
        }

        return (float)(sum / outputs.Length);
    }

    /// <summary>Returns the mean loss and writes <c>dL/dy</c> into <paramref name="dOutputs"/>.</summary>
    public static float Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> dOutputs)
    {
        CheckLengths(outputs.Length, targets.Length, dOutputs.Length);
        double sum = 0;
        float scale = 2f / outputs.Length;
        for (int i = 0; i < outputs.Length; i++)
        {
            float d = outputs[i] - targets[i];
            sum += (double)d * d;
            dOutputs[i] = scale * d;
        }

        return (float)(sum / outputs.Length);
    }

    private static void CheckLengths(int outputs, int targets, int dOutputs)
    {
        if (outputs == 0 || targets != outputs || dOutputs != outputs)
        {
            throw new ArgumentException(
                $"MSE needs non-empty outputs, targets and gradients of one length; got {outputs}, {targets} and {dOutputs}.");
        }
    }
}
