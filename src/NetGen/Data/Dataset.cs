using System;

namespace NetGen.Data;

/// <summary>
/// An in-memory dataset: <see cref="Count"/> samples of <see cref="FeatureSize"/> floats each, row-major, with either
/// one class index per sample (<see cref="Labels"/>) or <see cref="TargetSize"/> float targets per sample
/// (<see cref="Targets"/>). Images are stored CHW per sample, as the networks expect.
/// </summary>
public sealed class Dataset
{
    private Dataset(float[] features, int featureSize, int[]? labels, float[]? targets, int targetSize, int classCount, string name)
    {
        Features = features;
        FeatureSize = featureSize;
        Labels = labels;
        Targets = targets;
        TargetSize = targetSize;
        ClassCount = classCount;
        Name = name;
        Count = features.Length / featureSize;
    }

    /// <summary>A classification dataset; labels must lie in <c>[0, classCount)</c>.</summary>
    public static Dataset WithLabels(float[] features, int featureSize, int[] labels, int classCount, string name = "dataset")
    {
        int count = CheckFeatures(features, featureSize, name);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        if (labels.Length != count)
        {
            throw new ArgumentException($"{name}: {count} samples but {labels.Length} labels.", nameof(labels));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"{name}: label {i} is {labels[i]}; classes are 0..{classCount - 1}.");
            }
        }

        return new Dataset(features, featureSize, labels, null, 0, classCount, name);
    }

    /// <summary>A regression dataset with <paramref name="targetSize"/> float targets per sample.</summary>
    public static Dataset WithTargets(float[] features, int featureSize, float[] targets, int targetSize, string name = "dataset")
    {
        int count = CheckFeatures(features, featureSize, name);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetSize);
        if (targets.Length != (long)count * targetSize)
        {
            throw new ArgumentException($"{name}: {count} samples need {count} x {targetSize} targets; got {targets.Length}.", nameof(targets));
        }

        return new Dataset(features, featureSize, null, targets, targetSize, 0, name);
    }

    /// <summary>A name for messages (usually the file it came from).</summary>
    public string Name { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Floats per sample.</summary>
    public int FeatureSize { get; }

    /// <summary>All features, <c>[Count, FeatureSize]</c>. Writable, for transforms.</summary>
    public float[] Features { get; }

    /// <summary>Class indices, one per sample; null for a regression dataset.</summary>
    public int[]? Labels { get; }

    /// <summary>Number of classes (0 for a regression dataset).</summary>
    public int ClassCount { get; }

    /// <summary>Float targets, <c>[Count, TargetSize]</c>; null for a classification dataset.</summary>
    public float[]? Targets { get; }

    /// <summary>Targets per sample (0 for a classification dataset).</summary>
    public int TargetSize { get; }

    /// <summary>Whether the dataset holds class indices.</summary>
    public bool HasLabels => Labels is not null;

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Sample(int index) => Features.AsSpan(checked(index * FeatureSize), FeatureSize);

    /// <summary>A new dataset holding copies of the samples at <paramref name="indices"/>, in that order.</summary>
    public Dataset Subset(ReadOnlySpan<int> indices, string? name = null)
    {
        var features = new float[indices.Length * FeatureSize];
        for (int i = 0; i < indices.Length; i++)
        {
            Sample(indices[i]).CopyTo(features.AsSpan(i * FeatureSize));
        }

        if (Labels is not null)
        {
            var labels = new int[indices.Length];
            for (int i = 0; i < indices.Length; i++)
            {
                labels[i] = Labels[indices[i]];
            }

            return new Dataset(features, FeatureSize, labels, null, 0, ClassCount, name ?? Name);
        }

        var targets = new float[indices.Length * TargetSize];
        for (int i = 0; i < indices.Length; i++)
        {
            Targets.AsSpan(indices[i] * TargetSize, TargetSize).CopyTo(targets.AsSpan(i * TargetSize));
        }

        return new Dataset(features, FeatureSize, null, targets, TargetSize, 0, name ?? Name);
    }

    /// <summary>The first <paramref name="count"/> samples (copied).</summary>
    public Dataset Take(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        count = Math.Min(count, Count);
        int[] indices = new int[count];
        for (int i = 0; i < count; i++)
        {
            indices[i] = i;
        }

        return Subset(indices);
    }

    /// <summary>
    /// Splits off a validation set: a seeded shuffle, then the last <paramref name="validationFraction"/> of the
    /// samples (at least one, when the fraction is positive) go to validation.
    /// </summary>
    public (Dataset Train, Dataset Validation) Split(double validationFraction, int seed)
    {
        if (!(validationFraction > 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in (0, 1).");
        }

        int[] order = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            order[i] = i;
        }

        new SeededRandom(seed).Shuffle(order.AsSpan());
        int validation = Math.Clamp((int)Math.Round(Count * validationFraction), 1, Count - 1);
        int train = Count - validation;
        return (Subset(order.AsSpan(0, train), Name + " (train)"), Subset(order.AsSpan(train), Name + " (validation)"));
    }

    private static int CheckFeatures(float[] features, int featureSize, string name)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureSize);
        if (features.Length == 0 || features.Length % featureSize != 0)
        {
            throw new ArgumentException(
                $"{name}: {features.Length} feature values are not a positive whole number of samples of {featureSize}.", nameof(features));
        }

        return features.Length / featureSize;
    }
}
