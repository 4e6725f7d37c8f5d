using NetGen;

namespace NetGen.Tests.Networks;

// Convolutional test networks; their reference descriptions are in NetworkCatalog.

[Network(Loss = Loss.CrossEntropy)]
[Input(2, 6, 5)]
[Conv2D(3, 3, Activation.Tanh, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(2, 2, Activation.Sigmoid)]
[Dense(3)]
public partial class SmallCnn { }

[Network(Loss = Loss.MSE)]
[Input(1, 7, 7)]
[Conv2D(2, 3, Activation.ReLU, Stride = 2, Bias = false)]
[AvgPool2D(2, Stride = 1)]
[Dropout(0.0)]
[Dense(2, Activation.Tanh)]
public partial class StridedCnn { }

[Network(Loss = Loss.MSE)]
[Input(2, 5, 5)]
[Conv2D(3, 3, Activation.PReLU)]
[Dense(4, Activation.PReLU, SlopePerUnit = true)]
[Dense(2)]
public partial class PReLUNetwork { }

[Network(Loss = Loss.MSE, L2 = 0.01)]
[Input(3)]
[Dense(4, Activation.Tanh, L1 = 0.02)]
[Dense(2)]
public partial class RegularizedNetwork { }

/// <summary>LeNet-5 as in the classic MNIST setup (28x28 input padded by 2 in the first convolution).</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 28, 28)]
[Conv2D(6, 5, Activation.ReLU, Padding = 2)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10)]
public partial class LeNet5 { }
