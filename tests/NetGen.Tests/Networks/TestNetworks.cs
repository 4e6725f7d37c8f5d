using NetGen;

namespace NetGen.Tests.Networks;

// Small networks covering every activation, both losses, layers without bias and one to four layers.
// Each has a twin description in NetworkCatalog, written independently from the attributes, for the float64 reference.

[Network(Loss = Loss.MSE)]
[Input(3)]
[Dense(2, Activation.Sigmoid)]
public partial class SingleSigmoidMse { }

[Network(Loss = Loss.MSE)]
[Input(3)]
[Dense(4, Activation.Sigmoid)]
[Dense(2)]
public partial class SigmoidMse { }

[Network(Loss = Loss.MSE)]
[Input(3)]
[Dense(5, Activation.Tanh)]
[Dense(2, Activation.Tanh)]
public partial class TanhMse { }

[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(6, Activation.ReLU)]
[Dense(3)]
public partial class ReluCrossEntropy { }

[Network(Loss = Loss.CrossEntropy)]
[Input(3)]
[Dense(4, Activation.ReLU, Bias = false)]
[Dense(3, Bias = false)]
public partial class NoBiasCrossEntropy { }

[Network(Loss = Loss.CrossEntropy)]
[Input(5)]
[Dense(7, Activation.ReLU)]
[Dense(6, Activation.Tanh)]
[Dense(4, Activation.Sigmoid)]
[Dense(3)]
public partial class DeepCrossEntropy { }

[Network(Loss = Loss.MSE)]
[Input(5)]
[Dense(7, Activation.ReLU)]
[Dense(6, Activation.Tanh, Bias = false)]
[Dense(4, Activation.Sigmoid)]
public partial class DeepMse { }

/// <summary>The XOR network of samples/Xor, declared the same way.</summary>
[Network(Loss = Loss.MSE)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNetwork { }

/// <summary>The MNIST MLP of the README.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class MnistMlp { }
