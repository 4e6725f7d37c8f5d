using System;
using System.Numerics;

namespace NetGen.Kernels;

/// <summary><c>f(z) = z</c>; <c>f'(z) = 1</c>.</summary>
public readonly struct IdentityOperator : IActivationOperator
{
    /// <inheritdoc/>
    public void Forward(Span<float> values) { }

    /// <inheritdoc/>
    public float Derivative(float y) => 1f;

    /// <inheritdoc/>
    public Vector<float> Derivative(Vector<float> y) => Vector<float>.One;
}
