using System.Collections.Generic;

namespace NetGen;

/// <summary>The kinds of layer a network can hold.</summary>
public enum LayerKind
{
    /// <summary><c>[Dense]</c>: fully connected.</summary>
    Dense,

    /// <summary><c>[Conv2D]</c>: 2-D cross-correlation.</summary>
    Conv2D,

    /// <summary><c>[MaxPool2D]</c>.</summary>
    MaxPool2D,

    /// <summary><c>[AvgPool2D]</c>.</summary>
    AvgPool2D,

    /// <summary><c>[Dropout]</c>: the identity in inference.</summary>
    Dropout,
}

/// <summary>
/// One layer of a generated network as declared, with its inferred shapes, for exporters and tools. Shapes are per
/// sample, CHW (<c>[n]</c> for a vector).
/// </summary>
/// <param name="Kind">The layer kind.</param>
/// <param name="InputShape">Shape of one sample entering the layer.</param>
/// <param name="OutputShape">Shape of one sample leaving it.</param>
/// <param name="Activation">The activation (Identity for pooling and dropout).</param>
/// <param name="ActivationParameter">Slope (LeakyReLU), alpha (ELU) or beta (SoftPlus); 0 otherwise.</param>
/// <param name="Kernel">Kernel or window size (Conv2D, pooling); 0 otherwise.</param>
/// <param name="Stride">Stride (Conv2D, pooling); 0 otherwise.</param>
/// <param name="Padding">Zero padding (Conv2D); 0 otherwise.</param>
/// <param name="DropoutProbability">Dropout's p; 0 otherwise.</param>
/// <param name="Weight">The weight tensor, or null.</param>
/// <param name="Bias">The bias tensor, or null.</param>
/// <param name="Slopes">The learned PReLU slopes, or null.</param>
public sealed record LayerInfo(
    LayerKind Kind,
    IReadOnlyList<int> InputShape,
    IReadOnlyList<int> OutputShape,
    Activation Activation,
    float ActivationParameter,
    int Kernel,
    int Stride,
    int Padding,
    float DropoutProbability,
    TensorInfo? Weight,
    TensorInfo? Bias,
    TensorInfo? Slopes);
