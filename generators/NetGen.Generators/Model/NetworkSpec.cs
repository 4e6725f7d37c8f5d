namespace NetGen.Generators.Model;

// Everything in this folder is the generator's cache key: it must stay immutable and structurally equatable
// (ints, enums, strings, records and EquatableArray). Never store an ISymbol, SyntaxNode, Location or Compilation
// here: caching would silently stop working and the IDE would re-emit every network on each keystroke.

/// <summary>A network as the emitters see it: its type, loss, input and layers with inferred shapes and offsets.</summary>
public sealed record NetworkSpec(HierarchyInfo Type, LossKind Loss, int InputSize, EquatableArray<LayerSpec> Layers)
{
    /// <summary>Outputs per sample: the last layer's units.</summary>
    public int OutputSize => Layers[Layers.Count - 1].Units;

    /// <summary>Total number of parameters (weights and biases of every layer).</summary>
    public int ParameterCount => Layers[Layers.Count - 1].ParameterOffset + Layers[Layers.Count - 1].ParameterCount;
}

/// <summary>One layer with its inferred input size and its offset in the flat parameter buffer.</summary>
public sealed record LayerSpec(
    int Index, LayerKind Kind, int InputSize, int Units, ActivationKind Activation, bool HasBias, int ParameterOffset)
{
    /// <summary>Number of weights, <c>Units * InputSize</c>, stored <c>[Units, InputSize]</c> row-major.</summary>
    public int WeightCount => Units * InputSize;

    /// <summary>Offset of the bias, right after the weights.</summary>
    public int BiasOffset => ParameterOffset + WeightCount;

    /// <summary>Weights plus bias.</summary>
    public int ParameterCount => WeightCount + (HasBias ? Units : 0);
}

/// <summary>The kinds of layer the emitters know.</summary>
public enum LayerKind
{
    Dense,
}

/// <summary>Mirror of <c>NetGen.Activation</c>; the values must match the runtime enum.</summary>
public enum ActivationKind
{
    Identity = 0,
    Sigmoid = 1,
    Tanh = 2,
    ReLU = 3,
}

/// <summary>Mirror of <c>NetGen.Loss</c>; the values must match the runtime enum.</summary>
public enum LossKind
{
    MSE = 0,
    CrossEntropy = 1,
}
