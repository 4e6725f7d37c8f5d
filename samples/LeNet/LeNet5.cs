using NetGen;

namespace LeNetSample;

/// <summary>
/// LeNet-5 for 28x28 digits: the first convolution pads by 2 so that the classic 32x32 geometry follows
/// (6x28x28 -> pool -> 16x10x10 -> pool -> 400 -> 120 -> 84 -> 10). 61,706 parameters.
/// </summary>
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
