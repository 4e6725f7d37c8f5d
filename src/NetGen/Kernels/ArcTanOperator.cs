using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen.Kernels;

/// <summary>
/// <c>f(z) = atan(z)</c>, as <c>torch.atan</c>, with outputs in <c>(-pi/2, pi/2)</c>;
/// <c>f'(z) = 1 / (1 + z^2) = cos(y)^2</c> since <c>z = tan(y)</c>.
/// </summary>
public readonly struct ArcTanOperator : IActivationOperator
{
    /// <inheritdoc/>
    public void Forward(Span<float> values) => TensorPrimitives.Atan(values, values);

    /// <inheritdoc/>
    public float Derivative(float y)
    {
        float c = MathF.Cos(y);
        return c * c;
    }

    /// <inheritdoc/>
    public Vector<float> Derivative(Vector<float> y)
    {
        Vector<float> c = Vector.Cos(y);
        return c * c;
    }
}
