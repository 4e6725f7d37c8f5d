using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.InteropServices;

namespace NetGen.Checks;

/// <summary>
/// The checks generated networks run when <see cref="INetwork.NonFiniteCheck"/> is on: each finds the first NaN or
/// infinity in a buffer (vectorised) and throws a <see cref="NonFiniteException"/> saying where it is. Called by
/// generated code; not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class FiniteChecks
{
    /// <summary>The index of the first NaN or infinity in <paramref name="values"/>, or -1.</summary>
    public static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            ReadOnlySpan<Vector<float>> vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
            for (int v = 0; v < vectors.Length; v++)
            {
                // x - x is 0 for every finite x, NaN for NaN and the infinities.
                Vector<float> x = vectors[v];
                if (!Vector.EqualsAll(x - x, Vector<float>.Zero))
                {
                    break;
                }

                i += Vector<float>.Count;
            }
        }

        for (; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Throws if the network's inputs hold a NaN or infinity.</summary>
    public static void Inputs(string network, ReadOnlySpan<float> inputs, LayerKind firstLayer) =>
        Check(network, 0, firstLayer, NonFiniteSource.Inputs, inputs);

    /// <summary>Throws if the float targets hold a NaN or infinity.</summary>
    public static void Targets(string network, ReadOnlySpan<float> targets, int lastLayer, LayerKind lastKind) =>
        Check(network, lastLayer, lastKind, NonFiniteSource.Targets, targets);

    /// <summary>Throws if one layer's parameters hold a NaN or infinity.</summary>
    public static void Parameters(string network, int layer, LayerKind kind, ReadOnlySpan<float> parameters) =>
        Check(network, layer, kind, NonFiniteSource.Parameters, parameters);

    /// <summary>Throws if one layer's outputs hold a NaN or infinity.</summary>
    public static void Outputs(string network, int layer, LayerKind kind, ReadOnlySpan<float> outputs) =>
        Check(network, layer, kind, NonFiniteSource.Outputs, outputs);

    /// <summary>Throws if the gradients of one layer's parameters hold a NaN or infinity.</summary>
    public static void Gradients(string network, int layer, LayerKind kind, ReadOnlySpan<float> gradients) =>
        Check(network, layer, kind, NonFiniteSource.Gradients, gradients);

    private static void Check(string network, int layer, LayerKind kind, NonFiniteSource source, ReadOnlySpan<float> values)
    {
        int index = IndexOfNonFinite(values);
        if (index >= 0)
        {
            throw new NonFiniteException(network, layer, kind, source, index, values[index]);
        }
    }
}
