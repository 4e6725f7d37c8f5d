using System;
using NetGen.Optimizers;

namespace NetGen.Training;

/// <summary>
/// The minimal training loop: epochs of shuffled mini-batches over in-memory arrays, one optimizer step per batch.
/// Deterministic for a given seed. Samples are gathered into buffers allocated once per call, so batches allocate nothing.
/// </summary>
public static class Trainer
{
    /// <summary>Trains on float targets (<c>[samples, OutputSize]</c>). Returns the mean loss of each epoch.</summary>
    public static float[] Fit(
        INetwork network, IOptimizer optimizer, float[] inputs, float[] targets, int epochs, int batchSize, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(targets);
        int samples = CheckArguments(network, optimizer, inputs, epochs, batchSize);
        if (targets.Length != samples * network.OutputSize)
        {
            throw new ArgumentException(
                $"inputs holds {samples} samples, so targets must have {samples} x {network.OutputSize} = " +
                $"{samples * network.OutputSize} values; it has {targets.Length}.", nameof(targets));
        }

        float[] batchTargets = new float[batchSize * network.OutputSize];
        return Run(network, optimizer, inputs, samples, epochs, batchSize, seed, (order, start, count, batchInputs) =>
        {
            int width = network.OutputSize;
            for (int i = 0; i < count; i++)
            {
                targets.AsSpan(order[start + i] * width, width).CopyTo(batchTargets.AsSpan(i * width));
            }

            return network.ComputeGradients(batchInputs, batchTargets.AsSpan(0, count * width));
        });
    }

    /// <summary>Trains on class indices (<see cref="Loss.CrossEntropy"/>). Returns the mean loss of each epoch.</summary>
    public static float[] Fit(
        INetwork network, IOptimizer optimizer, float[] inputs, int[] labels, int epochs, int batchSize, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(labels);
        int samples = CheckArguments(network, optimizer, inputs, epochs, batchSize);
        if (labels.Length != samples)
        {
            throw new ArgumentException(
                $"inputs holds {samples} samples but labels has {labels.Length} entries.", nameof(labels));
        }

        int[] batchLabels = new int[batchSize];
        return Run(network, optimizer, inputs, samples, epochs, batchSize, seed, (order, start, count, batchInputs) =>
        {
            for (int i = 0; i < count; i++)
            {
                batchLabels[i] = labels[order[start + i]];
            }

            return network.ComputeGradients(batchInputs, batchLabels.AsSpan(0, count));
        });
    }

    private delegate float BatchStep(int[] order, int start, int count, ReadOnlySpan<float> batchInputs);

    private static float[] Run(
        INetwork network, IOptimizer optimizer, float[] inputs, int samples, int epochs, int batchSize, int seed, BatchStep step)
    {
        int width = network.InputSize;
        var random = new SeededRandom(seed);
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++)
        {
            order[i] = i;
        }

        float[] batchInputs = new float[batchSize * width];
        float[] history = new float[epochs];
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order.AsSpan());
            double lossSum = 0;
            int batchIndex = 0;
            for (int start = 0; start < samples; start += batchSize, batchIndex++)
            {
                int count = Math.Min(batchSize, samples - start);
                for (int i = 0; i < count; i++)
                {
                    inputs.AsSpan(order[start + i] * width, width).CopyTo(batchInputs.AsSpan(i * width));
                }

                float loss = step(order, start, count, batchInputs.AsSpan(0, count * width));
                if (!float.IsFinite(loss))
                {
                    throw new InvalidOperationException(
                        $"The loss became {loss} in epoch {epoch + 1}, batch {batchIndex + 1} (samples {start}..{start + count - 1}); " +
                        "training stopped before applying this batch's update. Lower the learning rate or check the data.");
                }

                optimizer.Step(network.Parameters, network.Gradients);
                network.ApplyConstraints();
                lossSum += (double)loss * count;
            }

            history[epoch] = (float)(lossSum / samples);
        }

        return history;
    }

    private static int CheckArguments(INetwork network, IOptimizer optimizer, float[] inputs, int epochs, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (inputs.Length == 0 || inputs.Length % network.InputSize != 0)
        {
            throw new ArgumentException(
                $"inputs has {inputs.Length} values, which is not a positive whole number of samples of {network.InputSize}.",
                nameof(inputs));
        }

        return inputs.Length / network.InputSize;
    }
}
