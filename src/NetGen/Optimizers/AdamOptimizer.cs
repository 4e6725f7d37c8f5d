using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using NetGen.Kernels;

namespace NetGen.Optimizers;

/// <summary>
/// What <see cref="Adam"/> and <see cref="AdamW"/> share: hyper-parameters, their validation and the update. The two
/// differ only in how weight decay is applied (added to the gradient, or decoupled and applied to the parameters).
/// State: <c>expAvg</c>, <c>expAvgSq</c>, then <c>maxExpAvgSq</c> with AMSGrad; all start at 0.
/// </summary>
public abstract class AdamOptimizer : Optimizer
{
    private readonly bool _decoupled;

    private protected AdamOptimizer(
        float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool amsGrad, bool decoupled)
        : base(learningRate, amsGrad ? 3 : 2)
    {
        Validate(beta1, beta2, epsilon);
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        WeightDecay = NonNegative(weightDecay, nameof(weightDecay));
        AmsGrad = amsGrad;
        _decoupled = decoupled;
    }

    /// <summary>Decay of the running average of the gradient.</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the running average of the squared gradient.</summary>
    public float Beta2 { get; }

    /// <summary>Term added to the denominator, <c>eps</c>.</summary>
    public float Epsilon { get; }

    /// <summary>
    /// Weight decay coefficient: an L2 penalty added to the gradient for <see cref="Adam"/>; decoupled for
    /// <see cref="AdamW"/>, where each step multiplies the parameters by <c>1 - lr * weightDecay</c>.
    /// </summary>
    public float WeightDecay { get; }

    /// <summary>Whether the AMSGrad variant is used.</summary>
    public bool AmsGrad { get; }

    /// <inheritdoc/>
    protected override void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step) =>
        Update(parameters, gradients, state, step, LearningRate, Beta1, Beta2, Epsilon, WeightDecay, _decoupled, AmsGrad);

    /// <summary>Validates beta1, beta2 and epsilon as <c>torch.optim.Adam</c> does.</summary>
    private static void Validate(float beta1, float beta2, float epsilon)
    {
        if (!(beta1 >= 0f && beta1 < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must lie in [0, 1).");
        }

        if (!(beta2 >= 0f && beta2 < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must lie in [0, 1).");
        }

        if (!(epsilon >= 0f) || !float.IsFinite(epsilon))
        {
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be a finite value >= 0.");
        }
    }

    /// <summary>Step <paramref name="step"/> (from 1) of Adam; <paramref name="decoupled"/> selects AdamW's decay.</summary>
    /// <remarks>
    /// Vectorised with <see cref="Vector{T}"/>, each lane doing the scalar rule's operations in the same order (no
    /// fused multiply-add), and split across NetGen's kernel threads for large networks: the result depends neither on
    /// the vector width nor on the thread count.
    /// </remarks>
    private static unsafe void Update(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step,
        float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool decoupled, bool amsGrad)
    {
        int n = parameters.Length;

        // Scalars in double, as PyTorch computes them in Python floats.
        double biasCorrection1 = 1.0 - Math.Pow(beta1, step);
        double biasCorrection2 = 1.0 - Math.Pow(beta2, step);
        var rule = new Rule(
            StepSize: (float)(learningRate / biasCorrection1),
            BiasCorrection2Sqrt: (float)Math.Sqrt(biasCorrection2),
            Decay: decoupled ? (float)(1.0 - (double)learningRate * weightDecay) : 1f,
            L2: decoupled ? 0f : weightDecay,
            Beta1: beta1,
            Beta2: beta2,
            Epsilon: epsilon,
            AmsGrad: amsGrad);
        fixed (float* p = parameters, g = gradients, m = state)
        {
            // State: the first moments [0, n), the second moments [n, 2n), with AMSGrad their maxima [2n, 3n).
            var job = new StepJob(p, g, m, m + n, amsGrad ? m + 2 * n : null, rule);
            Elementwise(ref job, n);
        }
    }

    /// <summary>The scalars of one Adam step.</summary>
    private readonly record struct Rule(
        float StepSize, float BiasCorrection2Sqrt, float Decay, float L2, float Beta1, float Beta2, float Epsilon, bool AmsGrad);

    /// <summary>The update of the parameters <c>[start, end)</c>.</summary>
    private readonly unsafe struct StepJob(
        float* parameters, float* gradients, float* expAvg, float* expAvgSq, float* maxExpAvgSq, Rule rule) : IRangeJob
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int start, int end)
        {
            float stepSize = rule.StepSize, sqrt2 = rule.BiasCorrection2Sqrt, decay = rule.Decay, l2 = rule.L2;
            float beta1 = rule.Beta1, beta2 = rule.Beta2, epsilon = rule.Epsilon, keep1 = 1f - beta1, keep2 = 1f - beta2;
            bool amsGrad = rule.AmsGrad;
            int i = start;
            Vector<float> vdecay = new(decay), vl2 = new(l2), vb1 = new(beta1), vb2 = new(beta2), vk1 = new(keep1),
                vk2 = new(keep2), vstep = new(stepSize), vsqrt2 = new(sqrt2), veps = new(epsilon);
            for (; i <= end - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector<float> p = Vector.Load(parameters + i) * vdecay;
                Vector<float> g = Vector.Load(gradients + i) + vl2 * p;
                Vector<float> m = vb1 * Vector.Load(expAvg + i) + vk1 * g;
                Vector<float> v = vb2 * Vector.Load(expAvgSq + i) + vk2 * g * g;
                m.Store(expAvg + i);
                v.Store(expAvgSq + i);
                if (amsGrad)
                {
                    v = Vector.Max(Vector.Load(maxExpAvgSq + i), v);
                    v.Store(maxExpAvgSq + i);
                }

                (p - vstep * (m / (Vector.SquareRoot(v) / vsqrt2 + veps))).Store(parameters + i);
            }

            for (; i < end; i++)
            {
                float p = parameters[i] * decay;
                float g = gradients[i] + l2 * p;
                float m = beta1 * expAvg[i] + keep1 * g;
                float v = beta2 * expAvgSq[i] + keep2 * g * g;
                expAvg[i] = m;
                expAvgSq[i] = v;
                if (amsGrad)
                {
                    v = MathF.Max(maxExpAvgSq[i], v);
                    maxExpAvgSq[i] = v;
                }

                parameters[i] = p - stepSize * (m / (MathF.Sqrt(v) / sqrt2 + epsilon));
            }
        }
    }
}
