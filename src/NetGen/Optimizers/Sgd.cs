using System;

namespace NetGen.Optimizers;

/// <summary>
/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight decay, with exactly
/// the update rule and defaults of <c>torch.optim.SGD</c>:
/// <code>
/// g = grad + weightDecay * p
/// if momentum != 0:
///     buf = g                                   (first step)
///     buf = momentum * buf + (1 - dampening) * g (later steps)
///     g = nesterov ? g + momentum * buf : buf
/// p = p - lr * g
/// </code>
/// </summary>
public sealed class Sgd : IOptimizer
{
    private float[]? _momentumBuffer;
    private float _learningRate;

    /// <summary>Creates the optimizer; validates the hyper-parameters as PyTorch does.</summary>
    /// <param name="learningRate">Step size, <c>lr</c>; must be non-negative.</param>
    /// <param name="momentum">Momentum factor, default 0 (plain SGD); must be non-negative.</param>
    /// <param name="dampening">Dampening of the momentum, default 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, default 0; must be non-negative.</param>
    /// <param name="nesterov">Nesterov momentum; needs momentum &gt; 0 and dampening 0.</param>
    public Sgd(float learningRate, float momentum = 0f, float dampening = 0f, float weightDecay = 0f, bool nesterov = false)
    {
        if (!(momentum >= 0f) || !float.IsFinite(momentum))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Momentum must be a finite value >= 0.");
        }

        if (!(weightDecay >= 0f) || !float.IsFinite(weightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Weight decay must be a finite value >= 0.");
        }

        if (!float.IsFinite(dampening))
        {
            throw new ArgumentOutOfRangeException(nameof(dampening), dampening, "Dampening must be finite.");
        }

        if (nesterov && (momentum <= 0f || dampening != 0f))
        {
            throw new ArgumentException(
                $"Nesterov momentum requires momentum > 0 and dampening = 0; got momentum {momentum}, dampening {dampening}.",
                nameof(nesterov));
        }

        LearningRate = learningRate;
        Momentum = momentum;
        Dampening = dampening;
        WeightDecay = weightDecay;
        Nesterov = nesterov;
    }

    /// <inheritdoc/>
    public float LearningRate
    {
        get => _learningRate;
        set
        {
            if (!(value >= 0f) || !float.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be a finite value >= 0.");
            }

            _learningRate = value;
        }
    }

    /// <summary>Momentum factor.</summary>
    public float Momentum { get; }

    /// <summary>Dampening of the momentum.</summary>
    public float Dampening { get; }

    /// <summary>L2 penalty coefficient added to the gradient.</summary>
    public float WeightDecay { get; }

    /// <summary>Whether Nesterov momentum is used.</summary>
    public bool Nesterov { get; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException(
                $"parameters has {parameters.Length} values but gradients has {gradients.Length}; they must match.",
                nameof(gradients));
        }

        float lr = _learningRate, wd = WeightDecay, mu = Momentum;
        if (mu == 0f)
        {
            for (int i = 0; i < parameters.Length; i++)
            {
                parameters[i] -= lr * (gradients[i] + wd * parameters[i]);
            }

            return;
        }

        bool first = _momentumBuffer is null;
        if (_momentumBuffer is not null && _momentumBuffer.Length != parameters.Length)
        {
            throw new ArgumentException(
                $"This optimizer holds momentum for {_momentumBuffer.Length} parameters but was given {parameters.Length}; " +
                "use one optimizer per network, or call Reset().",
                nameof(parameters));
        }

        float[] buffer = _momentumBuffer ??= new float[parameters.Length];
        float keep = 1f - Dampening;
        for (int i = 0; i < parameters.Length; i++)
        {
            float g = gradients[i] + wd * parameters[i];
            float b = first ? g : mu * buffer[i] + keep * g;
            buffer[i] = b;
            parameters[i] -= lr * (Nesterov ? g + mu * b : b);
        }
    }

    /// <inheritdoc/>
    public void Reset() => _momentumBuffer = null;
}
