using System.Collections.Generic;

namespace NetGen.Training;

/// <summary>What a training run did: one <see cref="EpochResult"/> per epoch run, and how it ended.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochResult> _epochs = new();

    /// <summary>The epochs run, in order.</summary>
    public IReadOnlyList<EpochResult> Epochs => _epochs;

    /// <summary>Whether early stopping ended the run before the last epoch.</summary>
    public bool StoppedEarly { get; internal set; }

    /// <summary>The epoch (1-based) whose parameters the network holds at the end when best weights were restored; else null.</summary>
    public int? RestoredEpoch { get; internal set; }

    /// <summary>The training losses, one per epoch.</summary>
    public float[] Losses
    {
        get
        {
            var losses = new float[_epochs.Count];
            for (int i = 0; i < losses.Length; i++)
            {
                losses[i] = _epochs[i].Loss;
            }

            return losses;
        }
    }

    internal void Add(EpochResult result) => _epochs.Add(result);
}
