using System;

namespace NetGen;

/// <summary>
/// What every generated network offers, so that optimizers, training loops and checkpoints work on any of them.
/// The generated class also exposes the sizes as <see langword="const"/> fields of the same names.
/// </summary>
/// <remarks>
/// Thread safety: an instance owns one workspace, so <see cref="Forward"/> and <c>ComputeGradients</c> must not run
/// on the same instance from two threads at once. Separate instances are independent.
/// </remarks>
public interface INetwork
{
    /// <summary>Number of input features of one sample.</summary>
    int InputSize { get; }

    /// <summary>Number of outputs of one sample (logits for <see cref="Loss.CrossEntropy"/>).</summary>
    int OutputSize { get; }

    /// <summary>Length of <see cref="Parameters"/> and <see cref="Gradients"/>.</summary>
    int ParameterCount { get; }

    /// <summary>The loss <c>ComputeGradients</c> minimises.</summary>
    Loss Loss { get; }

    /// <summary>
    /// All learned values in one buffer, in PyTorch's layout: layer by layer, weight <c>[out, in]</c> row-major,
    /// then bias. Writable: an optimizer updates it in place.
    /// </summary>
    Span<float> Parameters { get; }

    /// <summary>The layers as declared, with their inferred shapes and their tensors, for exporters and tools.</summary>
    System.Collections.Generic.IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>The named tensors that make up <see cref="Parameters"/>, in order, for checkpoints and interchange.</summary>
    System.Collections.Generic.IReadOnlyList<TensorInfo> ParameterTensors { get; }

    /// <summary>The gradient of the mean loss with respect to <see cref="Parameters"/>, same layout.</summary>
    Span<float> Gradients { get; }

    /// <summary>
    /// Runs the network on a batch: <paramref name="inputs"/> is <c>[batch, InputSize]</c> and
    /// <paramref name="outputs"/> <c>[batch, OutputSize]</c>, the batch size inferred from the lengths
    /// (one sample is a batch of one). Allocates nothing once the instance has seen a batch this large.
    /// </summary>
    /// <exception cref="ArgumentException">The lengths are empty, not whole samples, or disagree on the batch size.</exception>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);

    /// <summary>
    /// The outputs <c>[batch, OutputSize]</c> of the most recent <see cref="Forward"/> or <c>ComputeGradients</c> call
    /// (for the latter, as computed in training mode, dropout included); empty before the first call. Valid until the
    /// next call on this instance.
    /// </summary>
    ReadOnlySpan<float> LastOutputs { get; }

    /// <summary>
    /// Runs forward and backward on a batch and overwrites <see cref="Gradients"/> with the gradient of the mean
    /// loss (earlier contents are discarded, not accumulated). Returns the mean loss.
    /// </summary>
    /// <param name="inputs"><c>[batch, InputSize]</c>.</param>
    /// <param name="targets">
    /// <c>[batch, OutputSize]</c>: regression targets for <see cref="Loss.MSE"/>, class probabilities for
    /// <see cref="Loss.CrossEntropy"/>.
    /// </param>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>
    /// As <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float})"/> with one class index in
    /// <c>[0, OutputSize)</c> per sample. Only for <see cref="Loss.CrossEntropy"/>; other losses throw
    /// <see cref="NotSupportedException"/>.
    /// </summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>
    /// Applies the layers' constraints (max-norm) to <see cref="Parameters"/>; call it after each optimizer step.
    /// Does nothing for a network without constraints. <c>Trainer.Fit</c> calls it for you.
    /// </summary>
    void ApplyConstraints();
}
