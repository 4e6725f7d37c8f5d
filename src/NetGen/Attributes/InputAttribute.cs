using System;

namespace NetGen;

/// <summary>
/// Declares the input of a <see cref="NetworkAttribute">network</see>: a vector of <paramref name="size"/> features
/// per sample. Exactly one, before every layer attribute.
/// </summary>
/// <param name="size">Number of input features of one sample; must be positive.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class InputAttribute(int size) : Attribute
{
    /// <summary>Number of input features of one sample.</summary>
    public int Size { get; } = size;
}
