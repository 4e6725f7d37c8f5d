using System;

namespace NetGen;

/// <summary>
/// A fully connected layer, as <c>torch.nn.Linear(in, units, bias)</c> followed by <paramref name="activation"/>.
/// </summary>
/// <remarks>
/// Its parameters are the weight <c>[units, in]</c> (row-major, PyTorch's layout) followed by the bias <c>[units]</c>.
/// For a declaration such as
/// <code>
/// [Input(784)]
/// [Dense(128, Activation.ReLU)]
/// </code>
/// the generated forward pass computes, fused in one loop per sample,
/// <code>
/// for o in 0..128:  y[o] = relu(dot(W[o, 0..784], x) + b[o])
/// </code>
/// with 784 and 128 compiled in as constants. Weights start He-uniform for <see cref="Activation.ReLU"/> and
/// Glorot-uniform otherwise; biases start at zero.
/// </remarks>
/// <param name="units">Number of outputs of the layer; must be positive.</param>
/// <param name="activation">The function applied to each output. Defaults to <see cref="Activation.Identity"/>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class DenseAttribute(int units, Activation activation = Activation.Identity) : Attribute
{
    /// <summary>Number of outputs of the layer.</summary>
    public int Units { get; } = units;

    /// <summary>The function applied to each output.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Whether the layer adds a learned bias. Defaults to <see langword="true"/>.</summary>
    public bool Bias { get; set; } = true;
}
