namespace NetGen;

/// <summary>
/// The loss a network is trained with; every loss is mean-reduced, as PyTorch's default <c>reduction='mean'</c>.
/// The numeric values are part of NetGen's contract with its source generator: never renumber them.
/// </summary>
public enum Loss
{
    /// <summary>
    /// Mean squared error over every output of every sample, as <c>torch.nn.MSELoss()</c>:
    /// <c>sum((y - t)^2) / (batch * OutputSize)</c>.
    /// </summary>
    MSE = 0,

    /// <summary>
    /// Softmax cross-entropy on logits, as <c>torch.nn.CrossEntropyLoss()</c>: the last layer outputs logits
    /// (no activation), softmax is fused with the loss, targets are class indices (or class probabilities),
    /// and the loss is averaged over the batch.
    /// </summary>
    CrossEntropy = 1,

    /// <summary>Mean absolute error, as <c>torch.nn.L1Loss()</c>: <c>sum(|y - t|) / (batch * OutputSize)</c>.</summary>
    L1 = 2,

    /// <summary>
    /// Binary cross-entropy on probabilities, as <c>torch.nn.BCELoss()</c> (logs clamped at -100); use a
    /// <see cref="Activation.Sigmoid"/> output.
    /// </summary>
    BCE = 3,

    /// <summary>Binary cross-entropy on logits, as <c>torch.nn.BCEWithLogitsLoss()</c>: sigmoid fused, stable for large logits.</summary>
    BCEWithLogits = 4,

    /// <summary>
    /// The perceptron rule: with a <see cref="Activation.BinaryStep"/> output, one sample per step and plain <c>Sgd</c>,
    /// each update is the classic delta rule <c>w += lr * (t - y) * x</c> (a larger batch averages these updates). Loss value <c>sum((t - y)^2) / (2 * batch)</c>.
    /// </summary>
    Perceptron = 5,
}
