using System;
using System.Numerics.Tensors;

namespace NetGen.Data;

/// <summary>
/// Per-feature standardisation, <c>(x - mean) / std</c>, as scikit-learn's <c>StandardScaler</c>: the standard deviation
/// is the population one (divided by n, not n - 1), and a feature that is constant in the training data gets a
/// standard deviation of 1, so it maps to 0 instead of dividing by zero. <see cref="Fit"/> the training split, then
/// <see cref="Apply"/> the same statistics to the training, validation and test sets.
/// </summary>
public sealed class Standardizer
{
    private readonly float[] _mean;
    private readonly float[] _stdDev;

    /// <summary>A standardiser with known statistics (e.g. restored from a saved model).</summary>
    public Standardizer(ReadOnlySpan<float> mean, ReadOnlySpan<float> stdDev)
    {
        if (mean.Length == 0 || mean.Length != stdDev.Length)
        {
            throw new ArgumentException($"Need one mean and one standard deviation per feature; got {mean.Length} and {stdDev.Length}.");
        }

        for (int j = 0; j < stdDev.Length; j++)
        {
            if (!(stdDev[j] > 0) || !float.IsFinite(stdDev[j]) || !float.IsFinite(mean[j]))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(stdDev), $"Feature {j}: mean {mean[j]} and standard deviation {stdDev[j]}; the deviation must be positive and both finite.");
            }
        }

        _mean = mean.ToArray();
        _stdDev = stdDev.ToArray();
    }

    /// <summary>The per-feature means of the data fitted.</summary>
    public ReadOnlySpan<float> Mean => _mean;

    /// <summary>The per-feature population standard deviations of the data fitted (1 where a feature was constant).</summary>
    public ReadOnlySpan<float> StdDev => _stdDev;

    /// <summary>Number of features.</summary>
    public int FeatureSize => _mean.Length;

    /// <summary>Computes the mean and population standard deviation of each feature of <paramref name="train"/>, in double precision.</summary>
    public static Standardizer Fit(Dataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        int width = train.FeatureSize, count = train.Count;
        float[] x = train.Features;

        // Two passes: exact zeros for constant features (the mean of n copies of a float is that float in double).
        var sum = new double[width];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < width; j++)
            {
                sum[j] += x[i * width + j];
            }
        }

        var mean = new float[width];
        var squares = new double[width];
        for (int j = 0; j < width; j++)
        {
            sum[j] /= count;
            mean[j] = (float)sum[j];
        }

        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < width; j++)
            {
                double d = x[i * width + j] - sum[j];
                squares[j] += d * d;
            }
        }

        var stdDev = new float[width];
        for (int j = 0; j < width; j++)
        {
            float s = (float)Math.Sqrt(squares[j] / count);
            stdDev[j] = s > 0 ? s : 1f;
        }

        return new Standardizer(mean, stdDev);
    }

    /// <summary>Standardises <paramref name="data"/>'s features in place with the fitted statistics.</summary>
    public void Apply(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureSize != FeatureSize)
        {
            throw new ArgumentException($"{data.Name} has {data.FeatureSize} features; this standardiser was fitted on {FeatureSize}.", nameof(data));
        }

        for (int i = 0; i < data.Count; i++)
        {
            Span<float> row = data.Features.AsSpan(i * FeatureSize, FeatureSize);
            TensorPrimitives.Subtract(row, _mean, row);
            TensorPrimitives.Divide(row, _stdDev, row);
        }
    }
}
