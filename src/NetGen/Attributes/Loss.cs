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
}
