using System;

namespace NetGen;

/// <summary>
/// What every generated network offers, so that optimizers, training loops and checkpoints work on any of them.
/// The generated class also exposes the sizes as <see langword="const"/> fields of the same names.
/// </summary>
/// <remarks>
/// <para>
/// Thread safety (see docs/concurrency.md): an instance owns one workspace, so <see cref="Forward"/> and
/// <c>ComputeGradients</c> must not run on the same instance from two threads at once; a generated network detects
/// it and throws <see cref="InvalidOperationException"/> in the second thread. Reading the sizes, <see cref="Loss"/>,
/// <see cref="ParameterTensors"/> and <see cref="Layers"/> is safe from any thread. <see cref="Parameters"/>,
/// <see cref="Gradients"/>, <see cref="LastOutputs"/>, <see cref="ApplyConstraints"/> and an optimizer step are
/// plain memory accesses with no synchronisation: use them from the thread that trains. Separate instances are
/// independent.
/// </para>
/// <para>
/// For inference from many threads on one trained network, give each thread its own <see cref="CreatePredictor"/>:
/// predictors share the parameters read-only and own their workspaces.
/// </para>
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
    /// <exception cref="InvalidOperationException">Another thread is inside <see cref="Forward"/> or <c>ComputeGradients</c> of this instance.</exception>
    /// <exception cref="NonFiniteException"><see cref="NonFiniteCheck"/> is on and a NaN or infinity was found.</exception>
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
    /// <exception cref="InvalidOperationException">Another thread is inside <see cref="Forward"/> or <c>ComputeGradients</c> of this instance.</exception>
    /// <exception cref="NonFiniteException"><see cref="NonFiniteCheck"/> is on and a NaN or infinity was found.</exception>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets);

    /// <summary>
    /// As <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{float})"/> with one class index in
    /// <c>[0, OutputSize)</c> per sample. Only for <see cref="Loss.CrossEntropy"/>; other losses throw
    /// <see cref="NotSupportedException"/>.
    /// </summary>
    float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels);

    /// <summary>
    /// Whether <see cref="Forward"/> and <c>ComputeGradients</c> check for NaN and infinity: the inputs (and float
    /// targets), then each layer's parameters and outputs in order, and after backward each layer's gradients, throwing
    /// <see cref="NonFiniteException"/> at the first one found with the layer it belongs to. Off by default, when it costs
    /// one test of a flag per call; on, it reads every buffer once more.
    /// </summary>
    bool NonFiniteCheck
    {
        get => false;
        set => throw new NotSupportedException($"{GetType().Name} does not implement NonFiniteCheck.");
    }

    /// <summary>
    /// A predictor for running this network's <see cref="Forward"/> from another thread: it reads
    /// <see cref="Parameters"/> in place and owns its own workspace, so several predictors (one per thread) run at once
    /// and give results bit-identical to <see cref="Forward"/>. Do not train the network while predictors run.
    /// </summary>
    INetworkPredictor CreatePredictor() =>
        throw new NotSupportedException($"{GetType().Name} does not implement CreatePredictor.");

    /// <summary>
    /// Applies the layers' constraints (max-norm) to <see cref="Parameters"/>; call it after each optimizer step.
    /// Does nothing for a network without constraints. <c>Trainer.Fit</c> calls it for you.
    /// </summary>
    void ApplyConstraints();
}
