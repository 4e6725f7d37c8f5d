using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen.Kernels;

/// <summary><c>f(z) = tanh(z)</c>; <c>f'(z) = 1 - y^2</c>.</summary>
public readonly struct TanhOperator : IActivationOperator
{
    /// <inheritdoc/>
    public void Forward(Span<float> values) => TensorPrimitives.Tanh(values, values);

    /// <inheritdoc/>
    public float Derivative(float y) => 1f - y * y;

    /// <inheritdoc/>
    public Vector<float> Derivative(Vector<float> y) => Vector<float>.One - y * y;
}
