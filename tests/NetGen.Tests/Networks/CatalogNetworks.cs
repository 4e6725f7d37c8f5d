using NetGen;

namespace NetGen.Tests.Networks;

// One network per remaining activation and loss, for the whole-network finite-difference checks in NetworkCatalog.

[Network(Loss = Loss.L1)]
[Input(3)]
[Dense(5, Activation.ArcTan)]
[Dense(4, Activation.LeakyReLU, Slope = 0.1)]
[Dense(2)]
public partial class ArcTanLeakyL1 { }

[Network(Loss = Loss.MSE)]
[Input(3)]
[Dense(5, Activation.ELU, Alpha = 0.5)]
[Dense(4, Activation.SoftPlus, Beta = 2)]
[Dense(3, Activation.Softmax)]
public partial class EluSoftPlusSoftmax { }

[Network(Loss = Loss.BCE)]
[Input(3)]
[Dense(4, Activation.Tanh)]
[Dense(2, Activation.Sigmoid)]
public partial class SigmoidBce { }

[Network(Loss = Loss.BCEWithLogits)]
[Input(3)]
[Dense(4, Activation.ReLU)]
[Dense(2)]
public partial class LogitsBce { }

[Network(Loss = Loss.Perceptron)]
[Input(3)]
[Dense(2)]
public partial class LinearPerceptronLoss { }
