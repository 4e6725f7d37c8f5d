using NetGen;

namespace NetGen.Gpu.Benchmarks;

/// <summary>The MNIST MLP of the samples: 784-128-10, 101,770 parameters.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class Mlp { }

/// <summary>LeNet-5 as in samples/LeNet: 61,706 parameters.</summary>
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
