using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace NetGen.Serialization;

/// <summary>
/// What a checkpoint records beside the tensors: the epoch, and free string metadata (a run name, the data set's
/// hash, a validation score...). Saved as <c>__metadata__</c> entries of the safetensors header; keys must not be
/// <c>format</c> or begin with <c>netgen.</c> or <c>optimizer.</c>, which <see cref="Checkpoint"/> uses itself.
/// </summary>
public sealed record CheckpointInfo
{
    private static readonly IReadOnlyDictionary<string, string> NoMetadata =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<string, string> _metadata = NoMetadata;

    /// <summary>The number of epochs completed when the checkpoint was saved; null if not recorded.</summary>
    public int? Epoch { get; init; }

    /// <summary>Free metadata; empty by default.</summary>
    public IReadOnlyDictionary<string, string> Metadata
    {
        get => _metadata;
        init => _metadata = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Equal when the epochs are equal and the metadata holds the same pairs.</summary>
    public bool Equals(CheckpointInfo? other)
    {
        if (other is null || Epoch != other.Epoch || Metadata.Count != other.Metadata.Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, string> entry in Metadata)
        {
            if (!other.Metadata.TryGetValue(entry.Key, out string? value) || value != entry.Value)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Epoch, Metadata.Count);
}
