using System;
using NetGen.Data;
using NetGen.Optimizers.Schedules;

namespace NetGen.Training;

/// <summary>Everything <see cref="Trainer.Fit(INetwork, NetGen.Optimizers.IOptimizer, Dataset, TrainingOptions)"/> needs besides the network, optimizer and data.</summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training data. Defaults to 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per optimizer step (the last batch of an epoch may be smaller). Defaults to 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seed of the shuffling; the same seed gives the same run. Defaults to 0.</summary>
    public int Seed { get; init; }

    /// <summary>Whether each epoch visits the samples in a new random order. Defaults to true.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Evaluated after each epoch (inference mode), when given.</summary>
    public Dataset? Validation { get; init; }

    /// <summary>Stops when the monitored loss stops improving, when given.</summary>
    public EarlyStopping? EarlyStopping { get; init; }

    /// <summary>Sets the optimizer's learning rate at the start of each epoch from its initial value, when given.</summary>
    public ILearningRateSchedule? Schedule { get; init; }

    /// <summary>Receives a report after every batch and at the end of every epoch, when given.</summary>
    public IProgress<TrainingProgress>? Progress { get; init; }

    /// <summary>
    /// Decides what a non-finite batch loss does: return true to skip that batch (no update) and go on, false to stop.
    /// Without a handler training stops with an <see cref="InvalidOperationException"/>. Either way the update of the
    /// offending batch is never applied, so the parameters are the last good ones.
    /// </summary>
    public Func<NonFiniteLoss, bool>? OnNonFiniteLoss { get; init; }
}

/// <summary>Where a non-finite loss appeared.</summary>
public readonly record struct NonFiniteLoss(int Epoch, int Batch, float Loss);

/// <summary>
/// Early stopping, as Keras' callback: after each epoch the monitored loss (validation loss when validation data is
/// given, else training loss) must fall by more than <see cref="MinDelta"/> below the best so far; after
/// <see cref="Patience"/> epochs without that, training stops.
/// </summary>
public sealed class EarlyStopping
{
    /// <summary>Epochs without improvement before stopping. Defaults to 5.</summary>
    public int Patience { get; init; } = 5;

    /// <summary>The smallest decrease that counts as an improvement. Defaults to 0.</summary>
    public float MinDelta { get; init; }

    /// <summary>Whether the parameters of the best epoch are restored when training ends. Defaults to true.</summary>
    public bool RestoreBestWeights { get; init; } = true;
}

/// <summary>A progress report: after a batch (<see cref="EpochCompleted"/> null) or at the end of an epoch.</summary>
public readonly record struct TrainingProgress(
    int Epoch,
    int Epochs,
    int Batch,
    int Batches,
    float Loss,
    float? Accuracy,
    double SamplesPerSecond,
    EpochResult? EpochCompleted);

/// <summary>The metrics of one epoch. Accuracies are null for regression.</summary>
public sealed record EpochResult(
    int Epoch,
    float Loss,
    float? Accuracy,
    float? ValidationLoss,
    float? ValidationAccuracy,
    float LearningRate,
    TimeSpan Elapsed);

/// <summary>Loss and accuracy (null for regression) of a network on a dataset.</summary>
public readonly record struct Evaluation(float Loss, float? Accuracy);
