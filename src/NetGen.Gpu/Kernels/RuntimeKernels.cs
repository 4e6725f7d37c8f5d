using ILGPU;
using ILGPU.Algorithms;

namespace NetGen.Gpu.Kernels;

/// <summary>Kernels shared by every network: losses, mini-batch gathering and the optimizer updates.</summary>
internal static class RuntimeKernels
{
    /// <summary>
    /// Softmax and cross-entropy fused, one thread per sample: <c>losses[s] = logsumexp(z) - z[label]</c> and
    /// <c>dz = (softmax(z) - onehot(label)) / batch</c>.
    /// </summary>
    public static void SoftmaxCrossEntropy(
        Index1D sample, ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> dLogits, ArrayView<float> losses,
        int batch, int classes)
    {
        int row = sample * classes;
        float max = logits[row];
        for (int j = 1; j < classes; j++)
        {
            max = XMath.Max(max, logits[row + j]);
        }

        float sum = 0f;
        for (int j = 0; j < classes; j++)
        {
            sum += XMath.Exp(logits[row + j] - max);
        }

        int label = labels[sample];
        float logSum = XMath.Log(sum);
        losses[sample] = logSum + max - logits[row + label];
        float scale = 1f / batch;
        for (int j = 0; j < classes; j++)
        {
            float p = XMath.Exp(logits[row + j] - max - logSum);
            dLogits[row + j] = (j == label ? p - 1f : p) * scale;
        }
    }

    /// <summary>
    /// Mean squared error, one thread per sample: <c>losses[s] = Σ (y - t)² / size</c> and <c>dy = 2 (y - t) / (batch · size)</c>,
    /// so the mean of the losses is the mean over every value, as on the CPU.
    /// </summary>
    public static void MeanSquaredError(
        Index1D sample, ArrayView<float> outputs, ArrayView<float> targets, ArrayView<float> dOutputs,
        ArrayView<float> losses, int batch, int size)
    {
        int row = sample * size;
        float sum = 0f;
        float scale = 2f / (batch * size);
        for (int j = 0; j < size; j++)
        {
            float d = outputs[row + j] - targets[row + j];
            sum += d * d;
            dOutputs[row + j] = scale * d;
        }

        losses[sample] = sum / size;
    }

    /// <summary><c>total[0] += Σ losses[0..count)</c> in a single group.</summary>
    public static void AccumulateSum<TShape>(ArrayView<float> losses, ArrayView<float> total, int count)
        where TShape : struct, IGpuKernelShape
    {
        TShape shape = default;
        float sum = 0f;
        int first = shape.Tiled ? Group.IdxX : 0;
        int step = shape.Tiled ? shape.GroupSize : 1;
        if (!shape.Tiled && Group.IdxX != 0)
        {
            return;
        }

        for (int i = first; i < count; i += step)
        {
            sum += losses[i];
        }

        float all = DeviceLayers.GroupSum(shape, sum);
        if (Group.IdxX == 0)
        {
            total[0] += all;
        }
    }

    /// <summary><c>destination[r, :] = source[order[start + r], :]</c> for rows of <paramref name="width"/> values.</summary>
    public static void GatherRows(
        Index1D index, ArrayView<float> source, ArrayView<int> order, ArrayView<float> destination, int start, int width)
    {
        int r = index / width;
        int j = index - r * width;
        destination[index] = source[order[start + r] * width + j];
    }

    /// <summary><c>destination[r] = source[order[start + r]]</c>.</summary>
    public static void GatherLabels(
        Index1D index, ArrayView<int> source, ArrayView<int> order, ArrayView<int> destination, int start)
    {
        destination[index] = source[order[start + index]];
    }

    /// <summary>torch.optim.SGD's update, as <c>NetGen.Optimizers.Sgd</c> applies it.</summary>
    public static void Sgd(
        Index1D i, ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> momentum, SgdScalars s)
    {
        float p = parameters[i];
        float g = gradients[i] + s.WeightDecay * p;
        if (s.Momentum == 0f)
        {
            parameters[i] = p - s.LearningRate * g;
            return;
        }

        float b = s.First != 0 ? g : s.Momentum * momentum[i] + s.Keep * g;
        momentum[i] = b;
        parameters[i] = p - s.LearningRate * (s.Nesterov != 0 ? g + s.Momentum * b : b);
    }

    /// <summary>torch.optim.Adam's and AdamW's update, as <c>NetGen.Optimizers.AdamOptimizer</c> applies it.</summary>
    public static void Adam(
        Index1D i, ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> expAvg,
        ArrayView<float> expAvgSq, ArrayView<float> maxExpAvgSq, AdamScalars s)
    {
        float p = parameters[i] * s.Decay;
        float g = gradients[i] + s.L2 * p;
        float m = s.Beta1 * expAvg[i] + (1f - s.Beta1) * g;
        float v = s.Beta2 * expAvgSq[i] + (1f - s.Beta2) * g * g;
        expAvg[i] = m;
        expAvgSq[i] = v;
        if (s.AmsGrad != 0)
        {
            v = XMath.Max(maxExpAvgSq[i], v);
            maxExpAvgSq[i] = v;
        }

        parameters[i] = p - s.StepSize * (m / (XMath.Sqrt(v) / s.BiasCorrection2Sqrt + s.Epsilon));
    }
}

/// <summary>The scalars of one SGD step.</summary>
internal struct SgdScalars
{
    public float LearningRate;
    public float WeightDecay;
    public float Momentum;
    public float Keep;
    public int First;
    public int Nesterov;
}

/// <summary>The scalars of one Adam or AdamW step, computed on the host in double as the CPU optimizer does.</summary>
internal struct AdamScalars
{
    public float StepSize;
    public float BiasCorrection2Sqrt;
    public float Decay;
    public float L2;
    public float Beta1;
    public float Beta2;
    public float Epsilon;
    public int AmsGrad;
}
