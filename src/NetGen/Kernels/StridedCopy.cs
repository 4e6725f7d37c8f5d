using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Kernels;

/// <summary>Copies of short rows between strided layouts (an image into its padded copy, a grid back into an image).</summary>
internal static class StridedCopy
{
    /// <summary>
    /// <c>destination[r * destinationStride + i] = source[r * sourceStride + i]</c> for <c>r &lt; rows</c>,
    /// <c>i &lt; width</c>; the two buffers must not overlap.
    /// </summary>
    /// <remarks>
    /// Rows of a few dozen floats are too short for a call into a general copy to pay off: each row is copied with
    /// whole vectors, the last one overlapping the one before when the width is not a multiple of the vector.
    /// </remarks>
    public static void Rows(ReadOnlySpan<float> source, int sourceStride, Span<float> destination, int destinationStride, int rows, int width)
    {
        if (rows <= 0 || width <= 0)
        {
            return;
        }

        if (width > sourceStride || width > destinationStride
            || source.Length < (long)(rows - 1) * sourceStride + width
            || destination.Length < (long)(rows - 1) * destinationStride + width)
        {
            throw new ArgumentException(
                $"Copying {rows} rows of {width} needs row strides >= {width}, a source of at least " +
                $"{(long)(rows - 1) * sourceStride + width} and a destination of at least {(long)(rows - 1) * destinationStride + width}; " +
                $"got strides {sourceStride} and {destinationStride}, lengths {source.Length} and {destination.Length}.");
        }

        ref float from = ref MemoryMarshal.GetReference(source);
        ref float to = ref MemoryMarshal.GetReference(destination);
        for (int r = 0; r < rows; r++)
        {
            Row(ref Unsafe.Add(ref from, r * sourceStride), ref Unsafe.Add(ref to, r * destinationStride), width);
        }
    }

    private static void Row(ref float from, ref float to, int width)
    {
        if (Vector256.IsHardwareAccelerated && width >= Vector256<float>.Count)
        {
            int i = 0;
            for (; i <= width - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256.LoadUnsafe(ref from, (nuint)i).StoreUnsafe(ref to, (nuint)i);
            }

            if (i < width)
            {
                nuint last = (nuint)(width - Vector256<float>.Count);
                Vector256.LoadUnsafe(ref from, last).StoreUnsafe(ref to, last);
            }

            return;
        }

        for (int i = 0; i < width; i++)
        {
            Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i);
        }
    }
}
