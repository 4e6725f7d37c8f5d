namespace NetGen.Generators.Model;

// Everything in this folder is the generator's cache key: it must stay immutable and structurally equatable
// (ints, floats, enums, strings, records and EquatableArray). Never store an ISymbol, SyntaxNode, Location or
// Compilation here: caching would silently stop working and the IDE would re-emit every network on each keystroke.

/// <summary>A network as the emitters see it: its type, loss, input shape and layers with inferred shapes and offsets.</summary>
public sealed record NetworkSpec(HierarchyInfo Type, LossKind Loss, Shape Input, EquatableArray<LayerSpec> Layers)
{
    /// <summary>Input values per sample.</summary>
    public int InputSize => Input.Size;

    /// <summary>Outputs per sample: the last layer's output size.</summary>
    public int OutputSize => Layers[Layers.Count - 1].Units;

    /// <summary>Total number of parameters (weights and biases of every layer).</summary>
    public int ParameterCount => Layers[Layers.Count - 1].ParameterOffset + Layers[Layers.Count - 1].ParameterCount;

    /// <summary>Whether any layer behaves differently while training (dropout).</summary>
    public bool HasDropout
    {
        get
        {
            foreach (LayerSpec layer in Layers)
            {
                if (layer.Kind == LayerKind.Dropout)
                {
                    return true;
                }
            }

            return false;
        }
    }
}

/// <summary>
/// A tensor shape per sample, CHW. A vector of n values is <c>(n, 1, 1)</c> with <see cref="IsImage"/> false; an image
/// keeps its three dimensions until a dense layer flattens it (in C, H, W order).
/// </summary>
public sealed record Shape(int Channels, int Height, int Width, bool IsImage)
{
    public int Size => Channels * Height * Width;

    public override string ToString() =>
        IsImage ? $"[{Channels}, {Height}, {Width}]" : $"[{Channels}]";
}

/// <summary>One layer with its inferred input and output shapes and its offset in the flat parameter buffer.</summary>
public sealed record LayerSpec(
    int Index,
    LayerKind Kind,
    Shape Input,
    Shape Output,
    ActivationKind Activation,
    float ActivationParameter,
    bool HasBias,
    int Kernel,
    int Stride,
    int Padding,
    float DropoutProbability,
    int ParameterOffset,
    int SlopeCount = 0,
    float L1 = 0f,
    float L2 = 0f,
    float MaxNorm = 0f,
    int ModuleIndex = 0)
{
    /// <summary>Input values per sample.</summary>
    public int InputSize => Input.Size;

    /// <summary>Output values per sample.</summary>
    public int Units => Output.Size;

    /// <summary>
    /// Number of weights: <c>[Units, InputSize]</c> for Dense, <c>[outC, inC, Kernel, Kernel]</c> for Conv2D, none
    /// for the other layers.
    /// </summary>
    public int WeightCount => Kind switch
    {
        LayerKind.Dense => Units * InputSize,
        LayerKind.Conv2D => Output.Channels * Input.Channels * Kernel * Kernel,
        _ => 0,
    };

    /// <summary>Number of biases: one per unit (Dense) or per filter (Conv2D).</summary>
    public int BiasCount => !HasBias ? 0 : Kind == LayerKind.Conv2D ? Output.Channels : Units;

    /// <summary>Offset of the bias, right after the weights.</summary>
    public int BiasOffset => ParameterOffset + WeightCount;

    /// <summary>Offset of the learned PReLU slopes, right after the bias.</summary>
    public int SlopeOffset => BiasOffset + BiasCount;

    /// <summary>Weights, bias and PReLU slopes.</summary>
    public int ParameterCount => WeightCount + BiasCount + SlopeCount;

    /// <summary>Rows of the weight matrix: one incoming weight vector per unit (Dense) or filter (Conv2D).</summary>
    public int WeightRows => Kind == LayerKind.Conv2D ? Output.Channels : Units;

    /// <summary>Values per channel of the output: the spatial size of an image, 1 for a vector (one unit per channel).</summary>
    public int ChannelSize => Kind == LayerKind.Conv2D ? Output.Height * Output.Width : 1;

    /// <summary>Channels of the output as PReLU sees them: filters for Conv2D, units for Dense.</summary>
    public int OutputChannels => Kind == LayerKind.Conv2D ? Output.Channels : Units;
}

/// <summary>The kinds of layer the emitters know.</summary>
public enum LayerKind
{
    Dense,
    Conv2D,
    MaxPool2D,
    AvgPool2D,
    Dropout,
}

/// <summary>Mirror of <c>NetGen.Activation</c>; the values must match the runtime enum.</summary>
public enum ActivationKind
{
    Identity = 0,
    Sigmoid = 1,
    Tanh = 2,
    ReLU = 3,
    BinaryStep = 4,
    ArcTan = 5,
    LeakyReLU = 6,
    ELU = 7,
    SoftPlus = 8,
    Softmax = 9,
    PReLU = 10,
}

/// <summary>Mirror of <c>NetGen.Loss</c>; the values must match the runtime enum.</summary>
public enum LossKind
{
    MSE = 0,
    CrossEntropy = 1,
    L1 = 2,
    BCE = 3,
    BCEWithLogits = 4,
    Perceptron = 5,
}
