using System;

namespace NetGen;

/// <summary>
/// Max pooling over <c>size x size</c> windows, as <c>torch.nn.MaxPool2d(size, stride)</c> (no padding; a remainder
/// row or column that does not fill a window is dropped). Needs an image input.
/// </summary>
/// <param name="size">Window size; must be positive and no larger than the input.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class MaxPool2DAttribute(int size) : Attribute
{
    /// <summary>Window size.</summary>
    public int Size { get; } = size;

    /// <summary>Step between windows; 0 (the default) means <see cref="Size"/>.</summary>
    public int Stride { get; set; }
}

/// <summary>
/// Average pooling over <c>size x size</c> windows, as <c>torch.nn.AvgPool2d(size, stride)</c> (no padding). Needs an
/// image input.
/// </summary>
/// <param name="size">Window size; must be positive and no larger than the input.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class AvgPool2DAttribute(int size) : Attribute
{
    /// <summary>Window size.</summary>
    public int Size { get; } = size;

    /// <summary>Step between windows; 0 (the default) means <see cref="Size"/>.</summary>
    public int Stride { get; set; }
}

/// <summary>
/// Inverted dropout, as <c>torch.nn.Dropout(p)</c>: while training (<c>ComputeGradients</c>) each value is zeroed with
/// probability <paramref name="p"/> and the rest scaled by <c>1 / (1 - p)</c>; <c>Forward</c> (inference) is the
/// identity. The mask comes from the network's seeded generator, so training is reproducible.
/// </summary>
/// <param name="p">Probability of dropping a value, in <c>[0, 1)</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DropoutAttribute(double p) : Attribute
{
    /// <summary>Probability of dropping a value.</summary>
    public double P { get; } = p;
}
