using System;

namespace NetGen.Optimizers;

/// <summary>
/// RMSprop, with exactly the update rule and defaults of <c>torch.optim.RMSprop</c>:
/// <code>
/// g = grad + weightDecay * p
/// squareAvg = alpha * squareAvg + (1 - alpha) * g * g
/// if centered:
///     gradAvg = alpha * gradAvg + (1 - alpha) * g
///     avg = sqrt(squareAvg - gradAvg * gradAvg) + epsilon
/// else:
///     avg = sqrt(squareAvg) + epsilon
/// if momentum > 0:
///     buf = momentum * buf + g / avg
///     p = p - lr * buf
/// else:
///     p = p - lr * g / avg
/// </code>
/// One deliberate difference: the centered variance <c>squareAvg - gradAvg * gradAvg</c>, never negative in exact
/// arithmetic, is clamped at 0 so that float rounding cannot turn it into a NaN; where PyTorch gives a finite
/// result, the results agree.
/// </summary>
/// <remarks>
/// State: <c>squareAvg</c>, then <c>gradAvg</c> if centered, then the momentum buffer if momentum &gt; 0; all start at 0.
/// </remarks>
public sealed class RmsProp : Optimizer
{
    /// <summary>Creates the optimizer; validates the hyper-parameters as PyTorch does.</summary>
    /// <param name="learningRate">Step size, <c>lr</c>, default 0.01; must be non-negative.</param>
    /// <param name="alpha">Smoothing constant of the running averages, default 0.99; must be non-negative.</param>
    /// <param name="epsilon">Added to the root, <c>eps</c>, default 1e-8; must be non-negative.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, default 0; must be non-negative.</param>
    /// <param name="momentum">Momentum factor, default 0; must be non-negative.</param>
    /// <param name="centered">Normalize by the estimated variance instead of the second moment, default false.</param>
    public RmsProp(
        float learningRate = 0.01f,
        float alpha = 0.99f,
        float epsilon = 1e-8f,
        float weightDecay = 0f,
        float momentum = 0f,
        bool centered = false)
        : base(learningRate, stateBuffers: 1 + (centered ? 1 : 0) + (momentum > 0f ? 1 : 0))
    {
        Alpha = NonNegative(alpha, nameof(alpha));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
        WeightDecay = NonNegative(weightDecay, nameof(weightDecay));
        Momentum = NonNegative(momentum, nameof(momentum));
        Centered = centered;
    }

    /// <summary>Smoothing constant of the running averages.</summary>
    public float Alpha { get; }

    /// <summary>Term added to the denominator, <c>eps</c>.</summary>
    public float Epsilon { get; }

    /// <summary>L2 penalty coefficient added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Momentum factor.</summary>
    public float Momentum { get; }

    /// <summary>Whether the gradient is normalized by its estimated variance.</summary>
    public bool Centered { get; }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step)
    {
        int n = parameters.Length;
        Span<float> squareAvg = StateBuffer(state, 0, n);
        Span<float> gradAvg = Centered ? StateBuffer(state, 1, n) : default;
        Span<float> buffer = Momentum > 0f ? StateBuffer(state, Centered ? 2 : 1, n) : default;
        float lr = LearningRate, alpha = Alpha, keep = 1f - Alpha, eps = Epsilon, wd = WeightDecay, mu = Momentum;
        bool centered = Centered, momentum = mu > 0f;
        for (int i = 0; i < n; i++)
        {
            float g = gradients[i] + wd * parameters[i];
            float v = alpha * squareAvg[i] + keep * g * g;
            squareAvg[i] = v;
            if (centered)
            {
                float m = alpha * gradAvg[i] + keep * g;
                gradAvg[i] = m;
                v = MathF.Max(v - m * m, 0f);
            }

            float avg = MathF.Sqrt(v) + eps;
            if (momentum)
            {
                float b = mu * buffer[i] + g / avg;
                buffer[i] = b;
                parameters[i] -= lr * b;
            }
            else
            {
                parameters[i] -= lr * (g / avg);
            }
        }
    }
}
