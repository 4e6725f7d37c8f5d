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

    /// <summary><c>f(z) = 1</c> if <c>z &gt;= 0</c>, else 0: the perceptron's step. Trained with a straight-through gradient (1).</summary>
    BinaryStep = 4,

    /// <summary><c>f(z) = atan(z)</c>.</summary>
    ArcTan = 5,

    /// <summary><c>f(z) = z</c> if <c>z &gt; 0</c>, else <c>slope * z</c>, as <c>torch.nn.LeakyReLU</c>; slope from the layer's <c>Slope</c> (default 0.01).</summary>
    LeakyReLU = 6,

    /// <summary><c>f(z) = z</c> if <c>z &gt; 0</c>, else <c>alpha * (e^z - 1)</c>, as <c>torch.nn.ELU</c>; alpha from the layer's <c>Alpha</c> (default 1).</summary>
    ELU = 7,

    /// <summary><c>f(z) = log(1 + e^(beta z)) / beta</c>, linear above <c>beta z &gt; 20</c>, as <c>torch.nn.Softplus</c>; beta from the layer's <c>Beta</c> (default 1).</summary>
    SoftPlus = 8,

    /// <summary>
    /// Softmax over the layer's outputs, as an output activation. With <see cref="Loss.CrossEntropy"/> leave the output
    /// layer at <see cref="Identity"/>: the loss applies softmax itself, fused and stable.
    /// </summary>
    Softmax = 9,

    /// <summary>
    /// <c>f(z) = z</c> if <c>z &gt; 0</c>, else <c>a * z</c> with a learned slope <c>a</c> (initially 0.25), as
    /// <c>torch.nn.PReLU</c>: one slope for the layer, or one per unit/channel with the layer's <c>SlopePerUnit</c>.
    /// The slopes are parameters, stored after the layer's bias.
    /// </summary>
    PReLU = 10,
}
