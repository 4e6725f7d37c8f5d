using System;

namespace NetGen.Kernels;

/// <summary>
/// The loss behind the classic perceptron and delta rule: <c>L = sum(½ (t - y)^2) / batch</c> over all
/// <c>batch * outputs</c> elements, <c>dL/dy = (y - t) / batch</c>, divided by the batch and not by the number of
/// outputs (it is <c>0.5 * torch.nn.MSELoss(reduction='sum') / batch</c>).
/// </summary>
/// <remarks>
/// With batch 1, a <see cref="BinaryStepOperator"/> output (derivative 1) and SGD at learning rate <c>lr</c>, the
/// update is exactly the perceptron rule <c>w += lr (t - y) x</c>; with an <see cref="IdentityOperator"/> output it is
/// the delta (Widrow-Hoff) rule.
/// </remarks>
public static class PerceptronLoss
{
    /// <summary>The loss, summed over each sample's outputs and averaged over the batch.</summary>
    public static float Forward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batch)
    {
        CheckShapes(outputs.Length, targets.Length, outputs.Length, batch);
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double d = (double)targets[i] - outputs[i];
            sum += d * d;
        }

        return (float)(0.5 * sum / batch);
    }

    /// <summary>Returns the loss and writes <c>dL/dy = (y - t) / batch</c> into <paramref name="dOutputs"/>.</summary>
    public static float Backward(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> dOutputs, int batch)
    {
        CheckShapes(outputs.Length, targets.Length, dOutputs.Length, batch);
        double sum = 0;
        for (int i = 0; i < outputs.Length; i++)
        {
            double d = (double)targets[i] - outputs[i];
            sum += d * d;
            dOutputs[i] = (outputs[i] - targets[i]) / batch;
        }

        return (float)(0.5 * sum / batch);
    }

    private static void CheckShapes(int outputs, int targets, int dOutputs, int batch)
    {
        if (batch <= 0 || outputs == 0 || outputs % batch != 0 || targets != outputs || dOutputs != outputs)
        {
            throw new ArgumentException(
                $"Perceptron loss needs batch > 0 and non-empty outputs, targets and gradients of one length that is a " +
                $"multiple of the batch; got batch {batch}, outputs {outputs}, targets {targets}, gradients {dOutputs}.");
        }
    }
}
