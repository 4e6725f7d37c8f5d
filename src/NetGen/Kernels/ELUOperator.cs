using System;
using System.Numerics;

namespace NetGen.Kernels;

/// <summary>
/// <c>f(z) = z &gt; 0 ? z : alpha * (exp(z) - 1)</c>, as <c>torch.nn.ELU(alpha)</c>;
/// <c>f'(z) = y &gt; 0 ? 1 : y + alpha</c> (since <c>alpha * exp(z) = y + alpha</c> for <c>z &lt;= 0</c>).
/// </summary>
/// <remarks>
/// <c>exp(z) - 1</c> is computed without cancellation near 0 (see <see cref="ExpM1(float)"/>). The derivative is read
/// from the output, which tells the two sides apart only when alpha is not negative; the constructor rejects a negative
/// alpha (PyTorch refuses one in its in-place, output-based ELU for the same reason). An alpha of 0 is ReLU.
/// </remarks>
public readonly struct ELUOperator : IActivationOperator
{
    /// <summary>PyTorch's default <c>alpha</c>.</summary>
    public const float DefaultAlpha = 1f;

    /// <summary>Creates the operator.</summary>
    /// <param name="alpha">The value <c>-f(-inf)</c>, <see cref="DefaultAlpha"/> in PyTorch; finite and &gt;= 0.</param>
    public ELUOperator(float alpha)
    {
        if (!(alpha >= 0f) || float.IsInfinity(alpha))
        {
            throw new ArgumentOutOfRangeException(
                nameof(alpha), alpha, "Alpha must be finite and >= 0, so that the derivative can be read from the output.");
        }

        Alpha = alpha;
    }

    /// <summary>Outputs approach <c>-Alpha</c> for large negative inputs.</summary>
    public float Alpha { get; }

    /// <inheritdoc/>
    public void Forward(Span<float> values)
    {
        float alpha = Alpha;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectorAlpha = new Vector<float>(alpha);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Span<float> slice = values.Slice(i, Vector<float>.Count);
                var z = new Vector<float>(slice);
                // Lanes with z > 0 may hold inf or NaN in the discarded branch.
                Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), z, vectorAlpha * ExpM1(z)).CopyTo(slice);
            }
        }

        for (; i < values.Length; i++)
        {
            float z = values[i];
            values[i] = z > 0f ? z : alpha * ExpM1(z);
        }
    }

    /// <inheritdoc/>
    public float Derivative(float y) => y > 0f ? 1f : y + Alpha;

    /// <inheritdoc/>
    public Vector<float> Derivative(Vector<float> y) =>
        Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), Vector<float>.One, y + new Vector<float>(Alpha));

    /// <summary>
    /// <c>exp(x) - 1</c>, accurate to a few ulps also near 0, where the plain difference cancels (<c>float.ExpM1</c> is
    /// the plain difference). Kahan's correction: with <c>u = exp(x)</c>, <c>(u - 1) * x / log(u)</c>. Also used by
    /// <see cref="SoftPlusOperator"/>.
    /// </summary>
    internal static float ExpM1(float x)
    {
        float u = MathF.Exp(x);
        if (u == 1f)
        {
            return x; // |x| below half an ulp of 1: exp(x) - 1 = x to float precision
        }

        float um1 = u - 1f;
        return um1 == -1f ? -1f : um1 * x / MathF.Log(u);
    }

    /// <summary>The vector form of <see cref="ExpM1(float)"/>; lanes where <c>exp(x)</c> overflows give NaN.</summary>
    internal static Vector<float> ExpM1(Vector<float> x)
    {
        Vector<float> u = Vector.Exp(x);
        Vector<float> um1 = u - Vector<float>.One;
        Vector<float> corrected = um1 * x / Vector.Log(u);
        corrected = Vector.ConditionalSelect(Vector.Equals(um1, -Vector<float>.One), -Vector<float>.One, corrected);
        return Vector.ConditionalSelect(Vector.Equals(u, Vector<float>.One), x, corrected);
    }
}
