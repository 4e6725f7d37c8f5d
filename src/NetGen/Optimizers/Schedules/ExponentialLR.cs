using System;

namespace NetGen.Optimizers.Schedules;

/// <summary>
/// Multiplies the learning rate by <see cref="Gamma"/> every epoch, as <c>torch.optim.lr_scheduler.ExponentialLR</c>:
/// <c>lr = initial * gamma^epoch</c>.
/// </summary>
public sealed class ExponentialLR : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="gamma">Factor per epoch; must be a finite value &gt;= 0.</param>
    public ExponentialLR(float gamma) => Gamma = ScheduleArguments.NonNegative(gamma, nameof(gamma));

    /// <summary>Factor per epoch.</summary>
    public float Gamma { get; }

    /// <inheritdoc/>
    public float LearningRateAt(int epoch, float initialLearningRate)
    {
        ScheduleArguments.CheckLearningRateAt(epoch, initialLearningRate);
        return (float)(initialLearningRate * Math.Pow(Gamma, epoch));
    }
}
