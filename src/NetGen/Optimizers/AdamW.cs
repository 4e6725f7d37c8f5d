using System;

namespace NetGen.Optimizers;

/// <summary>
/// AdamW, with exactly the update rule and defaults of <c>torch.optim.AdamW</c>: Adam whose weight decay is decoupled
/// from the gradient and applied to the parameters first. At step t (from 1):
/// <code>
/// p = p * (1 - lr * weightDecay)
/// m = beta1 * m + (1 - beta1) * grad
/// v = beta2 * v + (1 - beta2) * grad * grad
/// if amsGrad: vMax = max(vMax, v), and vMax replaces v below
/// p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)
/// </code>
/// </summary>
/// <remarks>State: <c>m</c>, <c>v</c>, then <c>vMax</c> with AMSGrad; all start at 0.</remarks>
public sealed class AdamW : AdamOptimizer
{
    /// <summary>Creates the optimizer; validates the hyper-parameters as PyTorch does.</summary>
    /// <param name="learningRate">Step size, <c>lr</c>, default 0.001; must be non-negative.</param>
    /// <param name="beta1">Decay of the gradient average, <c>betas[0]</c>, default 0.9; must lie in [0, 1).</param>
    /// <param name="beta2">Decay of the squared-gradient average, <c>betas[1]</c>, default 0.999; must lie in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator, <c>eps</c>, default 1e-8; must be non-negative.</param>
    /// <param name="weightDecay">Decoupled weight decay, default 0.01; must be non-negative.</param>
    /// <param name="amsGrad">Use the maximum of all second-moment averages so far (AMSGrad), default false.</param>
    public AdamW(
        float learningRate = 0.001f,
        float beta1 = 0.9f,
        float beta2 = 0.999f,
        float epsilon = 1e-8f,
        float weightDecay = 0.01f,
        bool amsGrad = false)
        : base(learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupled: true)
    {
    }
}
