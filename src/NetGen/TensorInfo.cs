using System;
using System.Collections.Generic;

namespace NetGen;

/// <summary>
/// One named tensor inside a network's flat <see cref="INetwork.Parameters"/> buffer: its name in the
/// <c>state_dict</c> of the equivalent PyTorch <c>nn.Sequential</c>, where it starts, and its shape in PyTorch's layout.
/// That Sequential has one module per NetGen layer, one more for each activation other than Identity (so a learned
/// PReLU's slopes are <c>"{k+1}.weight"</c> after its layer <c>k</c>), and an <c>nn.Flatten</c> before the first
/// dense layer after an image: <c>[Input(784)] [Dense(128, ReLU)] [Dense(10)]</c> names its tensors <c>0.weight</c>,
/// <c>0.bias</c>, <c>2.weight</c>, <c>2.bias</c>, as <c>nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))</c> does.
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
