using System;

namespace NetGen;

/// <summary>
/// Inference on a trained network from one more thread: created by <see cref="INetwork.CreatePredictor"/>, a predictor
/// reads the network's parameters in place (nothing is copied) and owns its own workspace, so any number of
/// predictors of one network can run <see cref="Forward"/> at the same time, each on its own thread.
/// </summary>
/// <remarks>
/// A predictor sees the network's current parameters: do not train or load the network while predictors run. One
/// predictor is not thread-safe either: overlapping calls on the same predictor throw
/// <see cref="InvalidOperationException"/>. Results are bit-identical to the network's own <see cref="INetwork.Forward"/>.
/// Allocates nothing once it has seen a batch this large.
/// </remarks>
public interface INetworkPredictor
{
    /// <summary>Number of input features of one sample.</summary>
    int InputSize { get; }

    /// <summary>Number of outputs of one sample.</summary>
    int OutputSize { get; }

    /// <summary>
    /// Whether each call checks the inputs, the parameters and every layer's outputs for NaN and infinity, throwing
    /// <see cref="NonFiniteException"/>. Starts as the network's <see cref="INetwork.NonFiniteCheck"/> at creation.
    /// </summary>
    bool NonFiniteCheck { get; set; }

    /// <summary>As <see cref="INetwork.Forward"/>: <c>[batch, InputSize]</c> in, <c>[batch, OutputSize]</c> out.</summary>
    /// <exception cref="ArgumentException">The lengths are empty, not whole samples, or disagree on the batch size.</exception>
    /// <exception cref="InvalidOperationException">Another thread is inside <see cref="Forward"/> of this predictor.</exception>
    void Forward(ReadOnlySpan<float> inputs, Span<float> outputs);
}
