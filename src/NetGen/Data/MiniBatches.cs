using System;

namespace NetGen.Data;

/// <summary>
/// Seeded shuffling and mini-batches over a <see cref="Dataset"/>, gathered into buffers allocated once: walking an
/// epoch allocates nothing. Each <see cref="NextEpoch"/> reshuffles (when enabled) with the same generator, so a
/// given seed always yields the same sequence of batches.
/// </summary>
public sealed class MiniBatches
{
    private readonly Dataset _data;
    private readonly SeededRandom _random;
    private readonly int[] _order;
    private readonly float[] _inputs;
    private readonly int[] _labels;
    private readonly float[] _targets;
    private int _next;
    private int _count;

    /// <summary>Prepares batches of at most <paramref name="batchSize"/> samples (the last batch may be smaller).</summary>
    public MiniBatches(Dataset data, int batchSize, int seed, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        _data = data;
        BatchSize = batchSize;
        Shuffle = shuffle;
        _random = new SeededRandom(seed);
        _order = new int[data.Count];
        for (int i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        _inputs = new float[batchSize * data.FeatureSize];
        _labels = data.HasLabels ? new int[batchSize] : Array.Empty<int>();
        _targets = data.HasLabels ? Array.Empty<float>() : new float[batchSize * data.TargetSize];
        _next = data.Count; // no epoch started yet
    }

    /// <summary>The largest batch.</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch is reshuffled.</summary>
    public bool Shuffle { get; }

    /// <summary>Number of batches in an epoch.</summary>
    public int BatchesPerEpoch => (_data.Count + BatchSize - 1) / BatchSize;

    /// <summary>Samples in the current batch.</summary>
    public int Count => _count;

    /// <summary>Index of the current batch's first sample within the epoch's order.</summary>
    public int Start { get; private set; }

    /// <summary>The current batch's inputs, <c>[Count, FeatureSize]</c>.</summary>
    public ReadOnlySpan<float> Inputs => _inputs.AsSpan(0, _count * _data.FeatureSize);

    /// <summary>The current batch's labels (empty for a regression dataset).</summary>
    public ReadOnlySpan<int> Labels => _data.HasLabels ? _labels.AsSpan(0, _count) : default;

    /// <summary>The current batch's targets (empty for a classification dataset).</summary>
    public ReadOnlySpan<float> Targets => _data.HasLabels ? default : _targets.AsSpan(0, _count * _data.TargetSize);

    /// <summary>Starts a new epoch: reshuffles when enabled.</summary>
    public void NextEpoch()
    {
        if (Shuffle)
        {
            _random.Shuffle(_order.AsSpan());
        }

        _next = 0;
        _count = 0;
    }

    /// <summary>Gathers the next batch of the epoch; false when the epoch is done.</summary>
    public bool MoveNext()
    {
        if (_next >= _data.Count)
        {
            _count = 0;
            return false;
        }

        Start = _next;
        _count = Math.Min(BatchSize, _data.Count - _next);
        int width = _data.FeatureSize;
        for (int i = 0; i < _count; i++)
        {
            int sample = _order[_next + i];
            _data.Features.AsSpan(sample * width, width).CopyTo(_inputs.AsSpan(i * width));
            if (_data.Labels is not null)
            {
                _labels[i] = _data.Labels[sample];
            }
            else
            {
                int t = _data.TargetSize;
                _data.Targets.AsSpan(sample * t, t).CopyTo(_targets.AsSpan(i * t));
            }
        }

        _next += _count;
        return true;
    }
}
