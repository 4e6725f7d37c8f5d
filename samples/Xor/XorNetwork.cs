using NetGen;

namespace Xor;

/// <summary>2 inputs, 4 tanh hidden units, 1 sigmoid output, trained with mean squared error.</summary>
[Network(Loss = Loss.MSE)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorNetwork
{
}
