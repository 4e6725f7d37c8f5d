using System;

namespace NetGen.Data;

/// <summary>The content of an IDX file of unsigned bytes: its dimensions and its data, row-major.</summary>
public sealed class IdxArray
{
    internal IdxArray(int[] dimensions, byte[] data)
    {
        _dimensions = dimensions;
        Data = data;
    }

    private readonly int[] _dimensions;

    /// <summary>The dimension sizes from the header, outermost first (for images: count, rows, columns).</summary>
    public ReadOnlySpan<int> Dimensions => _dimensions;

    /// <summary>The data bytes, row-major; their number is the product of <see cref="Dimensions"/>.</summary>
    public byte[] Data { get; }
}
