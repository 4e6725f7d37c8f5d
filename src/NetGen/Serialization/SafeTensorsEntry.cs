using System.Collections.Generic;

namespace NetGen.Serialization;

/// <summary>One tensor as a validated safetensors header describes it.</summary>
internal sealed class SafeTensorsEntry(string name, string dType, int[] shape, long elementCount, long begin, long end, long headerOffset)
{
    /// <summary>The key in the header.</summary>
    public string Name { get; } = name;

    /// <summary>The element type's name, one the format defines.</summary>
    public string DType { get; } = dType;

    /// <summary>The shape, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<int> Shape { get; } = shape;

    /// <summary>The product of <see cref="Shape"/>.</summary>
    public long ElementCount { get; } = elementCount;

    /// <summary>First byte of the data, relative to the data buffer.</summary>
    public long Begin { get; } = begin;

    /// <summary>One past the last byte of the data, relative to the data buffer.</summary>
    public long End { get; } = end;

    /// <summary>Where the entry's key starts in the file, for error messages.</summary>
    public long HeaderOffset { get; } = headerOffset;

    /// <summary>The shape as PyTorch prints it, e.g. <c>[4, 3]</c>.</summary>
    public string ShapeText => FormatShape(Shape);

    /// <summary>Formats a shape as <c>[4, 3]</c>.</summary>
    public static string FormatShape(IReadOnlyList<int> shape) => "[" + string.Join(", ", shape) + "]";
}
