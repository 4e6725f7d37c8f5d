using System;

namespace NetGen.Optimizers;

/// <summary>
/// Adam, with exactly the update rule and defaults of <c>torch.optim.Adam</c>. At step t (from 1):
/// <code>
/// g = grad + weightDecay * p                       (L2 penalty; see AdamW for decoupled decay)
/// m = beta1 * m + (1 - beta1) * g
/// v = beta2 * v + (1 - beta2) * g * g
/// if amsGrad: vMax = max(vMax, v), and vMax replaces v below
/// p = p - lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + epsilon)
/// </code>
/// </summary>
/// <remarks>State: <c>m</c>, <c>v</c>, then <c>vMax</c> with AMSGrad; all start at 0.</remarks>
public sealed class Adam : AdamOptimizer
{
    /// <summary>Creates the optimizer; validates the hyper-parameters as PyTorch does.</summary>
    /// <param name="learningRate">Step size, <c>lr</c>, default 0.001; must be non-negative.</param>
    /// <param name="beta1">Decay of the gradient average, <c>betas[0]</c>, default 0.9; must lie in [0, 1).</param>
    /// <param name="beta2">Decay of the squared-gradient average, <c>betas[1]</c>, default 0.999; must lie in [0, 1).</param>
    /// <param name="epsilon">Added to the denominator, <c>eps</c>, default 1e-8; must be non-negative.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, default 0; must be non-negative.</param>
    /// <param name="amsGrad">Use the maximum of all second-moment averages so far (AMSGrad), default false.</param>
    public Adam(
        float learningRate = 0.001f,
        float beta1 = 0.9f,
        float beta2 = 0.999f,
        float epsilon = 1e-8f,
        float weightDecay = 0f,
        bool amsGrad = false)
        : base(learningRate, beta1, beta2, epsilon, weightDecay, amsGrad, decoupled: false)
    {
    }
}
