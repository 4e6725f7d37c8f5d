using System;
using System.Numerics.Tensors;

namespace NetGen.Data;

/// <summary>In-place feature transforms. Fit statistics on the training split only; see <see cref="Standardizer"/>.</summary>
public static class Transforms
{
    /// <summary>Multiplies every feature by <paramref name="factor"/> in place (e.g. <c>1f / 255</c> for bytes 0..255 to [0, 1]).</summary>
    public static void Scale(Dataset data, float factor)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!float.IsFinite(factor))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The scale factor must be finite.");
        }

        Span<float> features = data.Features;
        TensorPrimitives.Multiply(features, factor, features);
    }
}
