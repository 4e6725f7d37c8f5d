using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NetGen.Kernels;

/// <summary><c>f(z) = max(0, z)</c>; <c>f'(z) = 1</c> where <c>y &gt; 0</c>, else 0 (PyTorch's choice at 0).</summary>
public readonly struct ReLUOperator : IActivationOperator
{
    /// <inheritdoc/>
    public void Forward(Span<float> values) => TensorPrimitives.Max(values, 0f, values);

    /// <inheritdoc/>
    public float Derivative(float y) => y > 0f ? 1f : 0f;

    /// <inheritdoc/>
    public Vector<float> Derivative(Vector<float> y) =>
        Vector.ConditionalSelect(Vector.GreaterThan(y, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
}
