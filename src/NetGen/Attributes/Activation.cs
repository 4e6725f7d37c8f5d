namespace NetGen;

/// <summary>
/// The element-wise function a layer applies after its affine part.
/// The numeric values are part of NetGen's contract with its source generator: never renumber them.
/// </summary>
public enum Activation
{
    /// <summary><c>f(z) = z</c>. The default; use it for logits and regression outputs.</summary>
    Identity = 0,

    /// <summary><c>f(z) = 1 / (1 + e^-z)</c>, as <c>torch.sigmoid</c>.</summary>
    Sigmoid = 1,

    /// <summary><c>f(z) = tanh(z)</c>, as <c>torch.tanh</c>.</summary>
    Tanh = 2,

    /// <summary><c>f(z) = max(0, z)</c>, as <c>torch.relu</c> (derivative 0 at z = 0).</summary>
    ReLU = 3,
}
