using System;
using System.Runtime.CompilerServices;
using System.Numerics;

namespace NetGen.Kernels;

/// <summary>
/// An element-wise activation, written once as a scalar and a <see cref="Vector{T}"/> form; the loops live in
/// <see cref="ActivationLoops"/>. Implementations are small readonly structs holding their hyper-parameters (a slope,
/// an alpha), passed by value, so that generic kernels specialise and inline per activation.
/// </summary>
public interface IActivationOperator
{
    /// <summary>Applies the activation to <paramref name="values"/> in place.</summary>
    void Forward(Span<float> values);

    /// <summary>The derivative f'(z), written in terms of the activation's output <c>y = f(z)</c>.</summary>
    float Derivative(float y);

    /// <summary>The derivative f'(z) of a vector of outputs <c>y = f(z)</c>.</summary>
    Vector<float> Derivative(Vector<float> y);
}

/// <summary>The loops shared by every <see cref="IActivationOperator"/>.</summary>
public static class ActivationLoops
{
    /// <summary>
    /// Backward through the activation: <c>gradients[i] *= f'(z[i])</c>, with the derivative taken from the saved
    /// <paramref name="outputs"/> <c>y = f(z)</c>. Turns <c>dL/dy</c> into <c>dL/dz</c> in place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Backward<TActivation>(TActivation activation, ReadOnlySpan<float> outputs, Span<float> gradients)
        where TActivation : struct, IActivationOperator
    {
        if (outputs.Length != gradients.Length)
        {
            throw new ArgumentException(
                $"outputs has {outputs.Length} values but gradients has {gradients.Length}; they must match.",
                nameof(gradients));
        }

        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= outputs.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var y = new Vector<float>(outputs.Slice(i));
                var g = new Vector<float>(gradients.Slice(i));
                (g * activation.Derivative(y)).CopyTo(gradients.Slice(i));
            }
        }

        for (; i < outputs.Length; i++)
        {
            gradients[i] *= activation.Derivative(outputs[i]);
        }
    }
}
