using NetGen;

namespace NetGen.Gpu.Tests;

[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class GpuMnistMlp { }

[Network(Loss = Loss.CrossEntropy)]
[Input(1, 28, 28)]
[Conv2D(6, 5, Activation.ReLU, Padding = 2)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10)]
public partial class GpuLeNet5 { }

// Small networks for parity on the CPU accelerator: odd sizes so that no tile is full.
[Network(Loss = Loss.CrossEntropy)]
[Input(37)]
[Dense(20, Activation.ReLU)]
[Dense(17, Activation.Tanh)]
[Dense(5)]
public partial class SmallMlp { }

[Network(Loss = Loss.MSE)]
[Input(9)]
[Dense(11, Activation.Sigmoid)]
[Dense(7, Activation.LeakyReLU, Slope = 0.1)]
[Dense(6, Activation.ELU)]
[Dense(3)]
public partial class SmallRegressor { }

[Network(Loss = Loss.CrossEntropy)]
[Input(2, 11, 11)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(3, 2, Activation.Tanh, Stride = 2)]
[AvgPool2D(1)]
[Dense(6)]
public partial class SmallCnn { }

[Network(Loss = Loss.CrossEntropy)]
[Input(8)]
[Dense(6, Activation.ReLU)]
[Dropout(0.5f)]
[Dense(3)]
public partial class DropoutMlp { }

[Network(Loss = Loss.CrossEntropy)]
[Input(8)]
[Dense(6, Activation.PReLU)]
[Dense(3)]
public partial class PReluMlp { }

[Network(Loss = Loss.CrossEntropy)]
[Input(2, 6, 6)]
[Conv2D(3, 3, Activation.PReLU, SlopePerUnit = true)]
[Dense(5, Activation.PReLU, SlopePerUnit = true)]
[Dense(3)]
public partial class PReluNet { }

[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(5, Activation.SoftPlus)]
[Dense(2)]
public partial class SoftPlusMlp { }
