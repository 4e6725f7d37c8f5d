using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// One named tensor inside a network's flat <see cref="INetwork.Parameters"/> buffer: its name as in a PyTorch
/// <c>state_dict</c> of the equivalent <c>nn.Sequential</c> (<c>"{layer}.weight"</c>, <c>"{layer}.bias"</c>, and
/// <c>"{layer}.prelu.weight"</c> for learned PReLU slopes; layers counted from 0 in declaration order, pooling and dropout
/// included), where it starts, and its shape in PyTorch's layout.
/// </summary>
public sealed class TensorInfo
{
    private readonly int[] _shape;

    /// <summary>Creates the description; <paramref name="shape"/>'s product must be positive.</summary>
    public TensorInfo(string name, int offset, params int[] shape)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentNullException.ThrowIfNull(shape);
        long length = 1;
        foreach (int dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension, nameof(shape));
            length *= dimension;
        }

        Name = name;
        Offset = offset;
        Length = checked((int)length);
        _shape = (int[])shape.Clone();
    }

    /// <summary>The state_dict-style name, e.g. <c>0.weight</c>.</summary>
    public string Name { get; }

    /// <summary>Where the tensor starts in <see cref="INetwork.Parameters"/>.</summary>
    public int Offset { get; }

    /// <summary>Number of values: the product of <see cref="Shape"/>.</summary>
    public int Length { get; }

    /// <summary>The shape, outermost dimension first (e.g. <c>[out, in]</c>, <c>[outC, inC, kH, kW]</c>).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{string.Join(", ", _shape)}] at {Offset}";
}
