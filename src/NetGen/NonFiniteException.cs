using System;
using System.Globalization;

namespace NetGen;

/// <summary>
/// A network with <see cref="INetwork.NonFiniteCheck"/> on met a NaN or an infinity: in its inputs or targets, in a
/// layer's parameters, in a layer's outputs (from finite inputs and parameters), or in a layer's gradients. The first
/// such value in the order the network computes is reported, with the layer it belongs to.
/// </summary>
public sealed class NonFiniteException : ArithmeticException
{
    /// <summary>Creates the exception; the message is composed from the parts.</summary>
    public NonFiniteException(string networkName, int layerIndex, LayerKind layerKind, NonFiniteSource source, long index, float value)
        : base(Compose(networkName, layerIndex, layerKind, source, index, value))
    {
        NetworkName = networkName;
        LayerIndex = layerIndex;
        LayerKind = layerKind;
        FoundIn = source;
        Index = index;
        Value = value;
    }

    /// <summary>The network's type, as <c>Namespace.Outer.Name</c>.</summary>
    public string NetworkName { get; }

    /// <summary>
    /// The layer concerned, from 0 in declaration order: the layer whose parameters, outputs or gradients hold the value;
    /// for <see cref="NonFiniteSource.Inputs"/> the first layer, for <see cref="NonFiniteSource.Targets"/> the last.
    /// </summary>
    public int LayerIndex { get; }

    /// <summary>The kind of the layer concerned.</summary>
    public LayerKind LayerKind { get; }

    /// <summary>Which values held the NaN or infinity.</summary>
    public NonFiniteSource FoundIn { get; }

    /// <summary>
    /// The position of the value: in the batch's inputs, targets or the layer's outputs (<c>sample * size + element</c>),
    /// or in the layer's parameters or gradients (from the layer's first weight).
    /// </summary>
    public long Index { get; }

    /// <summary>The value found: NaN, or positive or negative infinity.</summary>
    public float Value { get; }

    private static string Compose(string network, int layer, LayerKind kind, NonFiniteSource source, long index, float value)
    {
        string v = value.ToString(CultureInfo.InvariantCulture);
        string at = $"layer {layer} ({kind})";
        return source switch
        {
            NonFiniteSource.Inputs => $"{network}: the inputs hold {v} at element {index}, before {at}; check the data.",
            NonFiniteSource.Targets => $"{network}: the targets hold {v} at element {index}; check the data.",
            NonFiniteSource.Parameters => $"{network}: the parameters of {at} hold {v} at element {index} of the layer's parameters; training diverged " +
                "or the weights were loaded corrupt. Lower the learning rate, or restore a checkpoint.",
            NonFiniteSource.Outputs => $"{network}: {at} produced {v} at output element {index} from finite inputs and finite parameters: " +
                "the values overflowed (inputs or weights too large for the activation). Scale the inputs or lower the learning rate.",
            _ => $"{network}: the gradients of {at} hold {v} at element {index} of the layer's parameters; the loss or its " +
                "gradient overflowed. Check the targets and the loss, or lower the learning rate.",
        };
    }
}
