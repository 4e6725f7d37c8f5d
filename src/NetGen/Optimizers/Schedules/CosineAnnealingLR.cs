using System;

namespace NetGen.Optimizers.Schedules;

/// <summary>
/// Cosine annealing from the initial learning rate down to <see cref="EtaMin"/> over <see cref="TMax"/> epochs, in the
/// closed form of <c>torch.optim.lr_scheduler.CosineAnnealingLR</c>:
/// <c>lr = etaMin + (initial - etaMin) * (1 + cos(pi * epoch / tMax)) / 2</c>.
/// Past <see cref="TMax"/> the rate climbs back, reaching the initial rate again at <c>2 * tMax</c>, as in PyTorch.
/// </summary>
public sealed class CosineAnnealingLR : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="tMax">Epochs from the initial rate to the minimum, <c>T_max</c>; must be at least 1.</param>
    /// <param name="etaMin">Minimum learning rate, <c>eta_min</c>, default 0; must be a finite value &gt;= 0.</param>
    public CosineAnnealingLR(int tMax, float etaMin = 0f)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(tMax);
        TMax = tMax;
        EtaMin = ScheduleArguments.NonNegative(etaMin, nameof(etaMin));
    }

    /// <summary>Epochs from the initial rate to the minimum, <c>T_max</c>.</summary>
    public int TMax { get; }

    /// <summary>Minimum learning rate, <c>eta_min</c>.</summary>
    public float EtaMin { get; }

    /// <inheritdoc/>
    public float LearningRateAt(int epoch, float initialLearningRate)
    {
        ScheduleArguments.CheckLearningRateAt(epoch, initialLearningRate);
        double etaMin = EtaMin;
        return (float)(etaMin + (initialLearningRate - etaMin) * (1.0 + Math.Cos(Math.PI * epoch / TMax)) / 2.0);
    }
}
