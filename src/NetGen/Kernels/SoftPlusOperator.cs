using System;
using System.Numerics;

namespace NetGen.Kernels;

/// <summary>
/// <c>f(z) = log(1 + exp(beta * z)) / beta</c>, reverting to <c>f(z) = z</c> where <c>beta * z &gt; 20</c>, as
/// <c>torch.nn.Softplus(beta, threshold=20)</c>; <c>f'(z) = sigmoid(beta * z) = 1 - exp(-beta * y)</c>
/// (since <c>exp(beta * y) = 1 + exp(beta * z)</c>), and 1 above the threshold.
/// </summary>
/// <remarks>
/// <c>log(1 + u)</c> and <c>1 - exp(-beta * y)</c> are computed without cancellation, so small outputs keep their
/// relative precision: <c>f(-1e4) = 0</c>, <c>f(1e4) = 1e4</c>, and nothing overflows or becomes NaN for finite
/// inputs. <c>default(SoftPlusOperator)</c> has beta 0 and is not usable; construct it.
/// </remarks>
public readonly struct SoftPlusOperator : IActivationOperator
{
    /// <summary>PyTorch's default <c>beta</c>.</summary>
    public const float DefaultBeta = 1f;

    /// <summary>PyTorch's default <c>threshold</c>: above it, <c>beta * z</c> is returned as <c>z</c>.</summary>
    public const float Threshold = 20f;

    /// <summary>Creates the operator.</summary>
    /// <param name="beta">The sharpness, <see cref="DefaultBeta"/> in PyTorch; finite and &gt; 0.</param>
    public SoftPlusOperator(float beta)
    {
        if (!(beta > 0f) || float.IsInfinity(beta))
        {
            throw new ArgumentOutOfRangeException(nameof(beta), beta, "Beta must be finite and > 0.");
        }

        Beta = beta;
    }

    /// <summary>The sharpness: larger values approach ReLU.</summary>
    public float Beta { get; }

    /// <inheritdoc/>
    public void Forward(Span<float> values)
    {
        float beta = Beta;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectorBeta = new Vector<float>(beta);
            var threshold = new Vector<float>(Threshold);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Span<float> slice = values.Slice(i, Vector<float>.Count);
                var z = new Vector<float>(slice);
                Vector<float> x = z * vectorBeta;
                // Lanes above the threshold may hold NaN in the discarded branch.
                Vector<float> soft = Log1P(Vector.Exp(x)) / vectorBeta;
                Vector.ConditionalSelect(Vector.GreaterThan(x, threshold), z, soft).CopyTo(slice);
            }
        }

        for (; i < values.Length; i++)
        {
            float z = values[i];
            float x = z * beta;
            values[i] = x > Threshold ? z : Log1P(MathF.Exp(x)) / beta;
        }
    }

    /// <inheritdoc/>
    public float Derivative(float y) => -ELUOperator.ExpM1(-Beta * y);

    /// <inheritdoc/>
    public Vector<float> Derivative(Vector<float> y) => -ELUOperator.ExpM1(y * new Vector<float>(-Beta));

    /// <summary>
    /// <c>log(1 + u)</c> for <c>u &gt;= 0</c>, accurate also for tiny <c>u</c> (<c>float.LogP1</c> is the plain sum):
    /// with <c>w = 1 + u</c>, <c>log(w) * u / (w - 1)</c>, which cancels the rounding of <c>w</c>.
    /// </summary>
    private static float Log1P(float u)
    {
        float w = 1f + u;
        return w == 1f ? u : MathF.Log(w) * u / (w - 1f);
    }

    private static Vector<float> Log1P(Vector<float> u)
    {
        Vector<float> w = Vector<float>.One + u;
        return Vector.ConditionalSelect(Vector.Equals(w, Vector<float>.One), u, Vector.Log(w) * u / (w - Vector<float>.One));
    }
}
