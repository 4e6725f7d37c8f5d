using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen.Kernels;

/// <summary><c>f(z) = 1 / (1 + e^-z)</c>; <c>f'(z) = y (1 - y)</c>.</summary>
public readonly struct SigmoidOperator : IActivationOperator
{
    /// <inheritdoc/>
    public void Forward(Span<float> values) => TensorPrimitives.Sigmoid(values, values);

    /// <inheritdoc/>
    public float Derivative(float y) => y * (1f - y);

    /// <inheritdoc/>
    public Vector<float> Derivative(Vector<float> y) => y * (Vector<float>.One - y);
}
