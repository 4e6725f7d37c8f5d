using System;

namespace NetGen;

/// <summary>
/// Declares the input of a <see cref="NetworkAttribute">network</see>: a vector of <c>size</c> features per sample, or
/// an image of <c>channels x height x width</c> values stored CHW (channel-major, then rows), as PyTorch does.
/// Exactly one, before every layer attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    /// <summary>A vector input of <paramref name="size"/> features; must be positive.</summary>
    public InputAttribute(int size) => (Channels, Height, Width) = (size, 1, 1);

    /// <summary>An image input, <c>[channels, height, width]</c>; each must be positive.</summary>
    public InputAttribute(int channels, int height, int width) => (Channels, Height, Width) = (channels, height, width);

    /// <summary>Number of input values of one sample: <c>Channels * Height * Width</c>.</summary>
    public int Size => Channels * Height * Width;

    /// <summary>Channels of an image input; the size of a vector input.</summary>
    public int Channels { get; }

    /// <summary>Image height; 1 for a vector input.</summary>
    public int Height { get; }

    /// <summary>Image width; 1 for a vector input.</summary>
    public int Width { get; }
}
