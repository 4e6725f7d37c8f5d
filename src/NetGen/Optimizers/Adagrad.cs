using System;

namespace NetGen.Optimizers;

/// <summary>
/// Adagrad, with exactly the update rule and defaults of <c>torch.optim.Adagrad</c>. At step t (from 1):
/// <code>
/// g = grad + weightDecay * p
/// clr = lr / (1 + (t - 1) * learningRateDecay)
/// sum = sum + g * g                         (sum starts at initialAccumulatorValue)
/// p = p - clr * g / (sqrt(sum) + epsilon)
/// </code>
/// </summary>
/// <remarks>State: one buffer, the running sum of squared gradients.</remarks>
public sealed class Adagrad : Optimizer
{
    /// <summary>Creates the optimizer; validates the hyper-parameters as PyTorch does.</summary>
    /// <param name="learningRate">Step size, <c>lr</c>, default 0.01; must be non-negative.</param>
    /// <param name="learningRateDecay">Decay of the step size per step, <c>lr_decay</c>, default 0; must be non-negative.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, default 0; must be non-negative.</param>
    /// <param name="initialAccumulatorValue">Start value of the sum of squares, default 0; must be non-negative.</param>
    /// <param name="epsilon">Added to the root of the sum, <c>eps</c>, default 1e-10; must be non-negative.</param>
    public Adagrad(
        float learningRate = 0.01f,
        float learningRateDecay = 0f,
        float weightDecay = 0f,
        float initialAccumulatorValue = 0f,
        float epsilon = 1e-10f)
        : base(learningRate, stateBuffers: 1)
    {
        LearningRateDecay = NonNegative(learningRateDecay, nameof(learningRateDecay));
        WeightDecay = NonNegative(weightDecay, nameof(weightDecay));
        InitialAccumulatorValue = NonNegative(initialAccumulatorValue, nameof(initialAccumulatorValue));
        Epsilon = NonNegative(epsilon, nameof(epsilon));
    }

    /// <summary>Decay of the step size per step, <c>lr_decay</c>.</summary>
    public float LearningRateDecay { get; }

    /// <summary>L2 penalty coefficient added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Start value of the sum of squared gradients.</summary>
    public float InitialAccumulatorValue { get; }

    /// <summary>Term added to the denominator for numerical stability, <c>eps</c>.</summary>
    public float Epsilon { get; }

    /// <inheritdoc/>
    protected override void InitializeState(Span<float> state) => state.Fill(InitialAccumulatorValue);

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step)
    {
        float clr = (float)(LearningRate / (1.0 + (step - 1) * (double)LearningRateDecay));
        float wd = WeightDecay, eps = Epsilon;
        Span<float> sum = state;
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradients[i] + wd * parameters[i];
            float s = sum[i] + g * g;
            sum[i] = s;
            parameters[i] -= clr * (g / (MathF.Sqrt(s) + eps));
        }
    }
}
