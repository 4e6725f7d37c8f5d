using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using NetGen.Kernels;

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
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer; validates the hyper-parameters as PyTorch does.</summary>
    /// <param name="learningRate">Step size, <c>lr</c>; must be non-negative. Defaults to 0.001, as in PyTorch 2.</param>
    /// <param name="momentum">Momentum factor, default 0 (plain SGD); must be non-negative.</param>
    /// <param name="dampening">Dampening of the momentum, default 0.</param>
    /// <param name="weightDecay">L2 penalty added to the gradient, default 0; must be non-negative.</param>
    /// <param name="nesterov">Nesterov momentum; needs momentum &gt; 0 and dampening 0.</param>
    /// <remarks>State: the momentum buffer when momentum is not 0, otherwise none.</remarks>
    public Sgd(float learningRate = 0.001f, float momentum = 0f, float dampening = 0f, float weightDecay = 0f, bool nesterov = false)
        : base(learningRate, stateBuffers: momentum != 0f ? 1 : 0)
    {
        Momentum = NonNegative(momentum, nameof(momentum));
        WeightDecay = NonNegative(weightDecay, nameof(weightDecay));
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

        Dampening = dampening;
        Nesterov = nesterov;
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
    /// <remarks>
    /// Vectorised with <see cref="Vector{T}"/>, each lane doing the scalar rule's operations in the same order (no
    /// fused multiply-add), and split across NetGen's kernel threads for large networks: the result depends neither on
    /// the vector width nor on the thread count.
    /// </remarks>
    protected override unsafe void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step)
    {
        fixed (float* p = parameters, g = gradients, b = state)
        {
            // PyTorch creates the momentum buffer from the first gradient; a loaded state with step > 1 is used as it is.
            var job = new StepJob(p, g, b, LearningRate, WeightDecay, Momentum, 1f - Dampening, step == 1, Nesterov);
            Elementwise(ref job, parameters.Length);
        }
    }

    /// <summary>The update of the parameters <c>[start, end)</c>.</summary>
    private readonly unsafe struct StepJob(
        float* parameters, float* gradients, float* buffer, float lr, float wd, float mu, float keep, bool first, bool nesterov)
        : IRangeJob
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            int i = start;
            if (mu == 0f)
            {
                var vlr = new Vector<float>(lr);
                var vwd = new Vector<float>(wd);
                for (; i <= end - Vector<float>.Count; i += Vector<float>.Count)
                {
                    Vector<float> vp = Vector.Load(parameters + i);
                    Vector<float> g = Vector.Load(gradients + i) + vwd * vp;
                    (vp - vlr * g).Store(parameters + i);
                }

                for (; i < end; i++)
                {
                    parameters[i] -= lr * (gradients[i] + wd * parameters[i]);
                }

                return;
            }

            {
                var vlr = new Vector<float>(lr);
                var vwd = new Vector<float>(wd);
                var vmu = new Vector<float>(mu);
                var vkeep = new Vector<float>(keep);
                for (; i <= end - Vector<float>.Count; i += Vector<float>.Count)
                {
                    Vector<float> vp = Vector.Load(parameters + i);
                    Vector<float> g = Vector.Load(gradients + i) + vwd * vp;
                    Vector<float> b = first ? g : vmu * Vector.Load(buffer + i) + vkeep * g;
                    b.Store(buffer + i);
                    (vp - vlr * (nesterov ? g + vmu * b : b)).Store(parameters + i);
                }
            }

            for (; i < end; i++)
            {
                float g = gradients[i] + wd * parameters[i];
                float b = first ? g : mu * buffer[i] + keep * g;
                buffer[i] = b;
                parameters[i] -= lr * (nesterov ? g + mu * b : b);
            }
        }
    }
}
