using NetGen;

namespace Perceptron;

/// <summary>Rosenblatt's perceptron on two inputs: a weighted sum, a bias and a step, trained by the delta rule.</summary>
[Network(Loss = Loss.Perceptron)]
[Input(2)]
[Dense(1, Activation.BinaryStep)]
public partial class TwoInputPerceptron { }

/// <summary>The same neuron without a bias: its decision line goes through the origin.</summary>
[Network(Loss = Loss.Perceptron)]
[Input(2)]
[Dense(1, Activation.BinaryStep, Bias = false)]
public partial class NoBiasPerceptron { }
