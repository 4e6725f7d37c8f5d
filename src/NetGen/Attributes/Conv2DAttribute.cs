using System;

namespace NetGen;

/// <summary>
/// A 2-D convolution (cross-correlation), as <c>torch.nn.Conv2d(inC, filters, kernel, stride, padding)</c> followed by
/// the activation. Needs an image input; its output is an image of <c>filters</c> channels, with
/// <c>outH = (inH + 2 * Padding - kernel) / Stride + 1</c> (and the same for the width).
/// Parameters: weight <c>[filters, inC, kernel, kernel]</c>, then bias <c>[filters]</c>.
/// </summary>
/// <param name="filters">Output channels; must be positive.</param>
/// <param name="kernel">Square kernel size; must be positive and fit the padded input.</param>
/// <param name="activation">The function applied to each output. Defaults to <see cref="Activation.Identity"/>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class Conv2DAttribute(int filters, int kernel, Activation activation = Activation.Identity) : Attribute
{
    /// <summary>Output channels.</summary>
    public int Filters { get; } = filters;

    /// <summary>Square kernel size.</summary>
    public int Kernel { get; } = kernel;

    /// <summary>The function applied to each output.</summary>
    public Activation Activation { get; } = activation;

    /// <summary>Step between kernel positions; must be positive. Defaults to 1.</summary>
    public int Stride { get; set; } = 1;

    /// <summary>Zeros added on every side of the input; must not be negative. Defaults to 0.</summary>
    public int Padding { get; set; }

    /// <summary>Whether the layer adds a learned bias per filter. Defaults to <see langword="true"/>.</summary>
    public bool Bias { get; set; } = true;

    /// <summary>Negative slope of <see cref="Activation.LeakyReLU"/>; must be positive. Defaults to 0.01.</summary>
    public double Slope { get; set; } = 0.01;

    /// <summary>Alpha of <see cref="Activation.ELU"/>; must be positive. Defaults to 1.</summary>
    public double Alpha { get; set; } = 1;

    /// <summary>Beta of <see cref="Activation.SoftPlus"/>; must be positive. Defaults to 1.</summary>
    public double Beta { get; set; } = 1;

    /// <summary>
    /// With <see cref="Activation.PReLU"/>: one learned slope per channel instead of one for the layer. Defaults to
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
    /// Max-norm constraint: after each optimizer step (<c>ApplyConstraints</c>), each filter (<c>[inC, k, k]</c>) whose Euclidean norm exceeds
    /// this value is scaled down to it. 0 (the default) means no constraint.
    /// </summary>
    public double MaxNorm { get; set; }
}
