using System;
using System.Numerics;

namespace NetGen.Kernels;

/// <summary>
/// <c>f(z) = z &gt; 0 ? z : slope * z</c>, as <c>torch.nn.LeakyReLU(negative_slope)</c>;
/// <c>f'(z) = y &gt; 0 ? 1 : slope</c> (the slope at 0, as PyTorch).
/// </summary>
/// <remarks>
/// The derivative is read from the output, which tells the two sides apart only when the slope is positive; the
/// constructor therefore rejects a negative slope. A slope of 0 is ReLU, with ReLU's derivative.
/// </remarks>
public readonly struct LeakyReLUOperator : IActivationOperator
{
    /// <summary>PyTorch's default <c>negative_slope</c>.</summary>
    public const float DefaultSlope = 0.01f;

    /// <summary>Creates the operator.</summary>
    /// <param name="slope">The slope for <c>z &lt;= 0</c>, <see cref="DefaultSlope"/> in PyTorch; finite and &gt;= 0.</param>
    public LeakyReLUOperator(float slope)
    {
        if (!(slope >= 0f) || float.IsInfinity(slope))
        {
            throw new ArgumentOutOfRangeException(
                nameof(slope), slope, "The slope must be finite and >= 0, so that the derivative can be read from the output.");
        }

        Slope = slope;
    }

    /// <summary>The slope for <c>z &lt;= 0</c>.</summary>
    public float Slope { get; }

    /// <inheritdoc/>
    public void Forward(Span<float> values)
    {
        float slope = Slope;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectorSlope = new Vector<float>(slope);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Span<float> slice = values.Slice(i, Vector<float>.Count);
                var z = new Vector<float>(slice);
                Vector.ConditionalSelect(Vector.GreaterThan(z, Vector<float>.Zero), z, z * vectorSlope).CopyTo(slice);
            }
        }

        for (; i < values.Length; i++)
        {
            float z = values[i];
            values[i] = z > 0f ? z : slope * z;
        }
    }

    /// <inheritdoc/>
    public float Derivative(float y) => y > 0f ? 1f : Slope;

    /// <inheritdoc/>
    public Vector<float> Derivative(Vector<float> y) =>
        Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), Vector<float>.One, new Vector<float>(Slope));
}
