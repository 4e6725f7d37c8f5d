using System;

namespace NetGen.Optimizers.Schedules;

/// <summary>
/// Multiplies the learning rate by <see cref="Gamma"/> every <see cref="StepSize"/> epochs, as
/// <c>torch.optim.lr_scheduler.StepLR</c>: <c>lr = initial * gamma^floor(epoch / stepSize)</c>.
/// </summary>
public sealed class StepLR : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="stepSize">Epochs between two decays, <c>step_size</c>; must be at least 1.</param>
    /// <param name="gamma">Factor of each decay, default 0.1; must be a finite value &gt;= 0.</param>
    public StepLR(int stepSize, float gamma = 0.1f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepSize);
        StepSize = stepSize;
        Gamma = ScheduleArguments.NonNegative(gamma, nameof(gamma));
    }

    /// <summary>Epochs between two decays.</summary>
    public int StepSize { get; }

    /// <summary>Factor of each decay.</summary>
    public float Gamma { get; }

    /// <inheritdoc/>
    public float LearningRateAt(int epoch, float initialLearningRate)
    {
        ScheduleArguments.CheckLearningRateAt(epoch, initialLearningRate);
        return (float)(initialLearningRate * Math.Pow(Gamma, epoch / StepSize));
    }
}
