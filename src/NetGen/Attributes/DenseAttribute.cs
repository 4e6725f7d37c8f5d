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

    /// <summary>Negative slope of <see cref="Activation.LeakyReLU"/>; must be positive. Defaults to 0.01.</summary>
    public double Slope { get; set; } = 0.01;

    /// <summary>Alpha of <see cref="Activation.ELU"/>; must be positive. Defaults to 1.</summary>
    public double Alpha { get; set; } = 1;

    /// <summary>Beta of <see cref="Activation.SoftPlus"/>; must be positive. Defaults to 1.</summary>
    public double Beta { get; set; } = 1;

    /// <summary>
    /// With <see cref="Activation.PReLU"/>: one learned slope per unit instead of one for the layer. Defaults to
    /// <see langword="false"/>.
    /// </summary>
    public bool SlopePerUnit { get; set; }

    /// <summary>
    /// L1 penalty on this layer's weights, added to the loss as <c>L1 * sum(|w|)</c>. Defaults to the network's
    /// <see cref="NetworkAttribute.L1"/> (NaN means "inherit").
    /// </summary>
    public double L1 { get; set; } = double.NaN;

    /// <summary>
    /// L2 penalty on this layer's weights, added to the loss as <c>L2 * sum(w^2)</c>. Defaults to the network's
    /// <see cref="NetworkAttribute.L2"/> (NaN means "inherit").
    /// </summary>
    public double L2 { get; set; } = double.NaN;

    /// <summary>
    /// Max-norm constraint: after each optimizer step (<c>ApplyConstraints</c>), each unit's incoming weight vector whose Euclidean norm exceeds
    /// this value is scaled down to it. 0 (the default) means no constraint.
    /// </summary>
    public double MaxNorm { get; set; }
}
