using System;

namespace NetGen;

/// <summary>
/// Marks a <see langword="partial"/> class as a neural network whose forward and backward passes NetGen generates
/// at build time. The layers are the <see cref="InputAttribute"/> and layer attributes on the same class, read in
/// source order.
/// </summary>
/// <example>
/// <code>
/// [Network(Loss = Loss.CrossEntropy)]
/// [Input(784)]
/// [Dense(128, Activation.ReLU)]
/// [Dense(10)]                       // logits; CrossEntropy applies softmax itself
/// public partial class MnistMlp { }
/// </code>
/// The build then adds to <c>MnistMlp</c>: the constants <c>InputSize</c>, <c>OutputSize</c> and
/// <c>ParameterCount</c>; the constructors <c>MnistMlp(int seed)</c> and <c>MnistMlp(ReadOnlySpan&lt;float&gt; parameters)</c>;
/// the flat <c>Parameters</c> and <c>Gradients</c> spans (PyTorch layout: per layer, weight <c>[out, in]</c> row-major,
/// then bias); <c>Forward(inputs, outputs)</c>; and <c>ComputeGradients(inputs, targets)</c>
/// (plus <c>ComputeGradients(inputs, labels)</c> for <see cref="Loss.CrossEntropy"/>). See <see cref="INetwork"/>.
/// </example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class NetworkAttribute : Attribute
{
    /// <summary>The loss <c>ComputeGradients</c> minimises. Defaults to <see cref="Loss.MSE"/>.</summary>
    public Loss Loss { get; set; } = Loss.MSE;

    /// <summary>L1 penalty on every layer's weights (not biases), added to the loss as <c>L1 * sum(|w|)</c>. Defaults to 0.</summary>
    public double L1 { get; set; }

    /// <summary>L2 penalty on every layer's weights (not biases), added to the loss as <c>L2 * sum(w^2)</c>. Defaults to 0.</summary>
    public double L2 { get; set; }
}
