using System;
using System.Numerics;

namespace NetGen.Kernels;

/// <summary>
/// The Heaviside step of the classic perceptron: <c>f(z) = z &gt;= 0 ? 1 : 0</c> (as <c>torch.heaviside(z, 1)</c>; a NaN
/// gives 0). Its true derivative is 0 almost everywhere, so backward uses the straight-through surrogate
/// <c>f'(z) = 1</c>: the gradient passes unchanged, and with <see cref="PerceptronLoss"/> at batch 1 plain SGD
/// performs exactly the perceptron rule <c>w += lr (t - y) x</c>.
/// </summary>
public readonly struct BinaryStepOperator : IActivationOperator
{
    /// <inheritdoc/>
    public void Forward(Span<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Span<float> slice = values.Slice(i, Vector<float>.Count);
                var z = new Vector<float>(slice);
                Vector.ConditionalSelect(Vector.GreaterThanOrEqual(z, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero)
                    .CopyTo(slice);
            }
        }

        for (; i < values.Length; i++)
        {
            values[i] = values[i] >= 0f ? 1f : 0f;
        }
    }

    /// <summary>The straight-through surrogate: 1 for every output (see the type's remarks).</summary>
    public float Derivative(float y) => 1f;

    /// <summary>The straight-through surrogate: 1 for every output (see the type's remarks).</summary>
    public Vector<float> Derivative(Vector<float> y) => Vector<float>.One;
}
