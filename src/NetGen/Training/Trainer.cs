using System;
using System.Diagnostics;
using NetGen.Data;
using NetGen.Kernels;
using NetGen.Optimizers;

namespace NetGen.Training;

/// <summary>
/// Keras-style training for any generated network: <see cref="Fit(INetwork, IOptimizer, Dataset, TrainingOptions)"/>
/// runs epochs of shuffled mini-batches with one optimizer step each, reports loss and accuracy, validates, schedules
/// the learning rate and stops early; <see cref="Evaluate"/> and <see cref="Predict(INetwork, Dataset, int)"/> work on
/// datasets. Deterministic for a seed. Batches are gathered into buffers allocated once per call.
/// </summary>
/// <remarks>
/// A dataset with class indices trains a <see cref="Loss.CrossEntropy"/> network directly; any other network gets
/// them as one-hot targets (a single 0/1 target for a one-output network). Accuracy is the share of samples whose
/// predicted class (<see cref="PredictedClass"/>) equals the label.
/// </remarks>
public static class Trainer
{
    /// <summary>Trains <paramref name="network"/> on <paramref name="train"/>. Returns the per-epoch history.</summary>
    /// <exception cref="InvalidOperationException">The loss became NaN or infinite and no handler chose to go on.</exception>
    public static TrainingHistory Fit(INetwork network, IOptimizer optimizer, Dataset train, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(options);
        CheckData(network, train, nameof(train));
        if (options.Validation is not null)
        {
            CheckData(network, options.Validation, nameof(options.Validation));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(options.Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        if (options.EarlyStopping is { Patience: < 1 })
        {
            throw new ArgumentOutOfRangeException(nameof(options), "EarlyStopping.Patience must be at least 1.");
        }

        var batches = new MiniBatches(train, options.BatchSize, options.Seed, options.Shuffle);
        var targets = new TargetBuffer(network, options.BatchSize);
        var history = new TrainingHistory();
        float initialRate = optimizer.LearningRate;
        float bestLoss = float.PositiveInfinity;
        float[]? bestParameters = null;
        int bestEpoch = 0, epochsWithoutImprovement = 0;
        var clock = Stopwatch.StartNew();

        for (int epoch = 1; epoch <= options.Epochs; epoch++)
        {
            if (options.Schedule is not null)
            {
                optimizer.LearningRate = options.Schedule.LearningRateAt(epoch - 1, initialRate);
            }

            TimeSpan epochStart = clock.Elapsed;
            double lossSum = 0;
            int seen = 0, correct = 0, batch = 0;
            batches.NextEpoch();
            while (batches.MoveNext())
            {
                batch++;
                float loss = train.HasLabels && network.Loss == Loss.CrossEntropy
                    ? network.ComputeGradients(batches.Inputs, batches.Labels)
                    : network.ComputeGradients(batches.Inputs, targets.For(batches.Labels, batches.Targets, batches.Count));
                if (!float.IsFinite(loss))
                {
                    var where = new NonFiniteLoss(epoch, batch, loss);
                    if (options.OnNonFiniteLoss?.Invoke(where) == true)
                    {
                        continue; // skipped: no update from this batch
                    }

                    throw new InvalidOperationException(
                        $"The loss became {loss} in epoch {epoch}, batch {batch} (samples {batches.Start}..{batches.Start + batches.Count - 1} " +
                        $"of the shuffled epoch); training stopped before applying this batch's update, so the parameters are the last " +
                        "finite ones. Lower the learning rate or check the data.");
                }

                if (train.HasLabels)
                {
                    correct += CountCorrect(network, network.LastOutputs, batches.Labels);
                }

                optimizer.Step(network.Parameters, network.Gradients);
                network.ApplyConstraints();
                lossSum += (double)loss * batches.Count;
                seen += batches.Count;
                options.Progress?.Report(new TrainingProgress(
                    epoch, options.Epochs, batch, batches.BatchesPerEpoch, (float)(lossSum / seen),
                    train.HasLabels ? (float)correct / seen : null,
                    seen / Math.Max((clock.Elapsed - epochStart).TotalSeconds, 1e-9), null));
            }

            Evaluation? validation = options.Validation is null ? null : Evaluate(network, options.Validation);
            var result = new EpochResult(
                epoch, seen == 0 ? float.NaN : (float)(lossSum / seen), train.HasLabels && seen > 0 ? (float)correct / seen : null,
                validation?.Loss, validation?.Accuracy, optimizer.LearningRate, clock.Elapsed - epochStart);
            history.Add(result);
            options.Progress?.Report(new TrainingProgress(
                epoch, options.Epochs, batch, batches.BatchesPerEpoch, result.Loss, result.Accuracy,
                train.Count / Math.Max(result.Elapsed.TotalSeconds, 1e-9), result));

            if (options.EarlyStopping is { } stopping)
            {
                float monitored = validation?.Loss ?? result.Loss;
                if (monitored < bestLoss - stopping.MinDelta)
                {
                    bestLoss = monitored;
                    bestEpoch = epoch;
                    epochsWithoutImprovement = 0;
                    if (stopping.RestoreBestWeights)
                    {
                        bestParameters ??= new float[network.ParameterCount];
                        network.Parameters.CopyTo(bestParameters);
                    }
                }
                else if (++epochsWithoutImprovement >= stopping.Patience)
                {
                    history.StoppedEarly = epoch < options.Epochs;
                    break;
                }
            }
        }

        if (bestParameters is not null && bestEpoch != history.Epochs.Count)
        {
            bestParameters.CopyTo(network.Parameters);
            history.RestoredEpoch = bestEpoch;
        }

        return history;
    }

    /// <summary>Trains on float targets held in arrays (<c>[samples, OutputSize]</c>). Returns the mean loss of each epoch.</summary>
    public static float[] Fit(
        INetwork network, IOptimizer optimizer, float[] inputs, float[] targets, int epochs, int batchSize, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        Dataset data = Dataset.WithTargets(inputs, network.InputSize, targets, network.OutputSize, "inputs");
        return Fit(network, optimizer, data, new TrainingOptions { Epochs = epochs, BatchSize = batchSize, Seed = seed }).Losses;
    }

    /// <summary>Trains on class indices held in arrays. Returns the mean loss of each epoch.</summary>
    public static float[] Fit(
        INetwork network, IOptimizer optimizer, float[] inputs, int[] labels, int epochs, int batchSize, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(network);
        Dataset data = Dataset.WithLabels(inputs, network.InputSize, labels, Math.Max(network.OutputSize, 2), "inputs");
        return Fit(network, optimizer, data, new TrainingOptions { Epochs = epochs, BatchSize = batchSize, Seed = seed }).Losses;
    }

    /// <summary>Mean loss (without penalties) and accuracy of <paramref name="network"/> on <paramref name="data"/>, in inference mode.</summary>
    public static Evaluation Evaluate(INetwork network, Dataset data, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(network);
        CheckData(network, data, nameof(data));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var batches = new MiniBatches(data, batchSize, seed: 0, shuffle: false);
        var targets = new TargetBuffer(network, batchSize);
        float[] outputs = new float[batchSize * network.OutputSize];
        float[] scratch = new float[batchSize * network.OutputSize];
        double lossSum = 0;
        int correct = 0;
        batches.NextEpoch();
        while (batches.MoveNext())
        {
            int n = batches.Count;
            Span<float> y = outputs.AsSpan(0, n * network.OutputSize);
            network.Forward(batches.Inputs, y);
            float loss = data.HasLabels && network.Loss == Loss.CrossEntropy
                ? SoftmaxCrossEntropy.Backward(y, batches.Labels, scratch.AsSpan(0, y.Length), n, network.OutputSize)
                : MeanLoss(network.Loss, y, targets.For(batches.Labels, batches.Targets, n), n, scratch);
            lossSum += (double)loss * n;
            if (data.HasLabels)
            {
                correct += CountCorrect(network, y, batches.Labels);
            }
        }

        return new Evaluation((float)(lossSum / data.Count), data.HasLabels ? (float)correct / data.Count : null);
    }

    /// <summary>The predicted class of every sample of <paramref name="data"/> (see <see cref="PredictedClass"/>).</summary>
    public static int[] Predict(INetwork network, Dataset data, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureSize != network.InputSize)
        {
            throw new ArgumentException($"{data.Name} has {data.FeatureSize} features per sample; the network takes {network.InputSize}.", nameof(data));
        }

        var predictions = new int[data.Count];
        float[] outputs = new float[batchSize * network.OutputSize];
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int n = Math.Min(batchSize, data.Count - start);
            Span<float> y = outputs.AsSpan(0, n * network.OutputSize);
            network.Forward(data.Features.AsSpan(start * data.FeatureSize, n * data.FeatureSize), y);
            for (int i = 0; i < n; i++)
            {
                predictions[start + i] = PredictedClass(network, y.Slice(i * network.OutputSize, network.OutputSize));
            }
        }

        return predictions;
    }

    /// <summary>The predicted class of one sample.</summary>
    public static int Predict(INetwork network, ReadOnlySpan<float> sample, Span<float> outputs)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.Forward(sample, outputs);
        return PredictedClass(network, outputs);
    }

    /// <summary>
    /// The class one sample's outputs stand for: the argmax for several outputs (first on ties), and for a single output
    /// 1 when it is at least the decision threshold (0 for logits: CrossEntropy, BCEWithLogits; 0.5 otherwise).
    /// </summary>
    public static int PredictedClass(INetwork network, ReadOnlySpan<float> outputs)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (outputs.Length == 1)
        {
            float threshold = network.Loss is Loss.BCEWithLogits or Loss.CrossEntropy ? 0f : 0.5f;
            return outputs[0] >= threshold ? 1 : 0;
        }

        int best = 0;
        for (int i = 1; i < outputs.Length; i++)
        {
            if (outputs[i] > outputs[best])
            {
                best = i;
            }
        }

        return best;
    }

    private static int CountCorrect(INetwork network, ReadOnlySpan<float> outputs, ReadOnlySpan<int> labels)
    {
        int correct = 0, width = network.OutputSize;
        for (int i = 0; i < labels.Length; i++)
        {
            correct += PredictedClass(network, outputs.Slice(i * width, width)) == labels[i] ? 1 : 0;
        }

        return correct;
    }

    private static float MeanLoss(Loss loss, ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, int batch, float[] scratch) => loss switch
    {
        Loss.MSE => MeanSquaredError.Forward(outputs, targets),
        Loss.L1 => MeanAbsoluteError.Forward(outputs, targets),
        Loss.BCE => BinaryCrossEntropy.Forward(outputs, targets),
        Loss.BCEWithLogits => BinaryCrossEntropyWithLogits.Forward(outputs, targets),
        Loss.Perceptron => PerceptronLoss.Forward(outputs, targets, batch),
        _ => SoftmaxCrossEntropy.Backward(outputs, targets, scratch.AsSpan(0, outputs.Length), batch, outputs.Length / batch),
    };

    private static void CheckData(INetwork network, Dataset data, string name)
    {
        ArgumentNullException.ThrowIfNull(data, name);
        if (data.FeatureSize != network.InputSize)
        {
            throw new ArgumentException($"{data.Name} has {data.FeatureSize} features per sample; the network takes {network.InputSize}.", name);
        }

        if (data.HasLabels)
        {
            int classes = network.OutputSize == 1 ? 2 : network.OutputSize;
            if (data.ClassCount > classes)
            {
                throw new ArgumentException($"{data.Name} has {data.ClassCount} classes; the network's {network.OutputSize} outputs stand for {classes}.", name);
            }
        }
        else if (data.TargetSize != network.OutputSize)
        {
            throw new ArgumentException($"{data.Name} has {data.TargetSize} targets per sample; the network has {network.OutputSize} outputs.", name);
        }
    }

    /// <summary>Float targets for a batch: the dataset's own, or one-hot class indices for networks that need floats.</summary>
    private sealed class TargetBuffer(INetwork network, int batchSize)
    {
        private readonly float[] _oneHot = new float[batchSize * network.OutputSize];

        public ReadOnlySpan<float> For(ReadOnlySpan<int> labels, ReadOnlySpan<float> targets, int count)
        {
            if (labels.IsEmpty)
            {
                return targets;
            }

            int width = network.OutputSize;
            Span<float> oneHot = _oneHot.AsSpan(0, count * width);
            oneHot.Clear();
            for (int i = 0; i < count; i++)
            {
                if (width == 1)
                {
                    oneHot[i] = labels[i];
                }
                else
                {
                    oneHot[i * width + labels[i]] = 1f;
                }
            }

            return oneHot;
        }
    }
}
