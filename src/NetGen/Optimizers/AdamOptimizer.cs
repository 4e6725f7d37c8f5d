using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Update(
        Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step,
        float learningRate, float beta1, float beta2, float epsilon, float weightDecay, bool decoupled, bool amsGrad)
    {
        int n = parameters.Length;
        Span<float> expAvg = state.Slice(0, n);
        Span<float> expAvgSq = state.Slice(n, n);
        Span<float> maxExpAvgSq = amsGrad ? state.Slice(2 * n, n) : default;

        // Scalars in double, as PyTorch computes them in Python floats.
        double biasCorrection1 = 1.0 - Math.Pow(beta1, step);
        double biasCorrection2 = 1.0 - Math.Pow(beta2, step);
        float stepSize = (float)(learningRate / biasCorrection1);
        float biasCorrection2Sqrt = (float)Math.Sqrt(biasCorrection2);
        float decay = decoupled ? (float)(1.0 - (double)learningRate * weightDecay) : 1f;
        float l2 = decoupled ? 0f : weightDecay;
        float keep1 = 1f - beta1, keep2 = 1f - beta2;
        int i = 0;

        // Vector<float> lanes do the scalar loop's operations in the same order (no fused multiply-add), so results
        // do not depend on the vector width.
        {
            ref float pr = ref MemoryMarshal.GetReference(parameters);
            ref float gr = ref MemoryMarshal.GetReference(gradients);
            ref float mr = ref MemoryMarshal.GetReference(expAvg);
            ref float vr = ref MemoryMarshal.GetReference(expAvgSq);
            ref float maxr = ref MemoryMarshal.GetReference(maxExpAvgSq);
            Vector<float> vdecay = new(decay), vl2 = new(l2), vb1 = new(beta1), vb2 = new(beta2), vk1 = new(keep1),
                vk2 = new(keep2), vstep = new(stepSize), vsqrt2 = new(biasCorrection2Sqrt), veps = new(epsilon);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                nuint at = (nuint)i;
                Vector<float> p = Vector.LoadUnsafe(ref pr, at) * vdecay;
                Vector<float> g = Vector.LoadUnsafe(ref gr, at) + vl2 * p;
                Vector<float> m = vb1 * Vector.LoadUnsafe(ref mr, at) + vk1 * g;
                Vector<float> v = vb2 * Vector.LoadUnsafe(ref vr, at) + vk2 * g * g;
                m.StoreUnsafe(ref mr, at);
                v.StoreUnsafe(ref vr, at);
                if (amsGrad)
                {
                    v = Vector.Max(Vector.LoadUnsafe(ref maxr, at), v);
                    v.StoreUnsafe(ref maxr, at);
                }

                (p - vstep * (m / (Vector.SquareRoot(v) / vsqrt2 + veps))).StoreUnsafe(ref pr, at);
            }
        }

        for (; i < n; i++)
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

            parameters[i] = p - stepSize * (m / (MathF.Sqrt(v) / biasCorrection2Sqrt + epsilon));
        }
    }
}
