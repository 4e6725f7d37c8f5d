using System;

namespace NetGen.Optimizers;

/// <summary>
/// Adadelta, with exactly the update rule and defaults of <c>torch.optim.Adadelta</c>:
/// <code>
/// g = grad + weightDecay * p
/// squareAvg = rho * squareAvg + (1 - rho) * g * g
/// delta = sqrt(accDelta + epsilon) / sqrt(squareAvg + epsilon) * g
/// accDelta = rho * accDelta + (1 - rho) * delta * delta
/// p = p - lr * delta
/// </code>
/// </summary>
/// <remarks>State: two buffers, <c>squareAvg</c> then <c>accDelta</c>, both starting at 0.</remarks>
public sealed class Adadelta : Optimizer
{
    /// <summary>Creates the optimizer; validates the hyper-parameters as PyTorch does.</summary>
    /// <param name="learningRate">Scale of the delta, <c>lr</c>, default 1.0; must be non-negative.</param>
    /// <param name="rho">Decay of the running averages, default 0.9; must lie in [0, 1].</param>
    /// <param name="epsilon">Added inside both square roots, <c>eps</c>, default 1e-6; must be non-negative.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, default 0; must be non-negative.</param>
    public Adadelta(float learningRate = 1f, float rho = 0.9f, float epsilon = 1e-6f, float weightDecay = 0f)
        : base(learningRate, stateBuffers: 2)
    {
        Rho = UnitInterval(rho, oneAllowed: true, nameof(rho));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
        WeightDecay = NonNegative(weightDecay, nameof(weightDecay));
    }

    /// <summary>Decay of the running averages of squared gradients and squared deltas.</summary>
    public float Rho { get; }

    /// <summary>Term added inside the square roots, <c>eps</c>.</summary>
    public float Epsilon { get; }

    /// <summary>L2 penalty coefficient added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step)
    {
        int n = parameters.Length;
        Span<float> squareAvg = StateBuffer(state, 0, n);
        Span<float> accDelta = StateBuffer(state, 1, n);
        float lr = LearningRate, rho = Rho, keep = 1f - Rho, eps = Epsilon, wd = WeightDecay;
        for (int i = 0; i < n; i++)
        {
            float g = gradients[i] + wd * parameters[i];
            float v = rho * squareAvg[i] + keep * g * g;
            squareAvg[i] = v;
            float delta = MathF.Sqrt(accDelta[i] + eps) / MathF.Sqrt(v + eps) * g;
            accDelta[i] = rho * accDelta[i] + keep * delta * delta;
            parameters[i] -= lr * delta;
        }
    }
}
