namespace NetGen.Optimizers.Schedules;

/// <summary>
/// A learning rate as a function of the epoch, in the closed form of PyTorch's <c>torch.optim.lr_scheduler</c>.
/// A schedule holds no state, so resuming from a checkpoint needs only the epoch:
/// <code>
/// optimizer.LearningRate = schedule.LearningRateAt(epoch, initialLearningRate);
/// </code>
/// at the start of each epoch.
/// </summary>
public interface ILearningRateSchedule
{
    /// <summary>
    /// The learning rate in effect during <paramref name="epoch"/> (0 for the first epoch, which uses
    /// <paramref name="initialLearningRate"/>, PyTorch's <c>base_lr</c>).
    /// </summary>
    /// <exception cref="System.ArgumentOutOfRangeException">
    /// <paramref name="epoch"/> is negative, or <paramref name="initialLearningRate"/> is not a finite value &gt;= 0.
    /// </exception>
    float LearningRateAt(int epoch, float initialLearningRate);
}
