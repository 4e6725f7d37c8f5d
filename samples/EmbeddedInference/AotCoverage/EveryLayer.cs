using NetGen;

// Not used by the program. `.ci/aot-check` publishes once more with -p:RootNetGenRuntime=true, which roots this
// assembly and the runtime: the AOT compiler then compiles and analyses the code generated for every layer kind,
// activation and loss below (forward, backward, predictors), not only the MLP the classifier runs.
namespace EmbeddedInference.AotCoverage;

[Network(Loss = Loss.CrossEntropy)]
[Input(2, 6, 5)]
[Conv2D(3, 3, Activation.Tanh, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(2, 2, Activation.Sigmoid)]
[Dense(3)]
public partial class ConvMaxPool { }

[Network(Loss = Loss.MSE, L2 = 0.01)]
[Input(1, 7, 7)]
[Conv2D(2, 3, Activation.ReLU, Stride = 2, Bias = false)]
[AvgPool2D(2, Stride = 1)]
[Dropout(0.25)]
[Dense(2, Activation.Tanh, L1 = 0.02)]
public partial class StridedAvgPoolDropout { }

[Network(Loss = Loss.MSE)]
[Input(2, 5, 5)]
[Conv2D(3, 3, Activation.PReLU)]
[Dense(4, Activation.PReLU, SlopePerUnit = true)]
[Dense(3, Activation.Softmax)]
public partial class PReLUSoftmax { }

[Network(Loss = Loss.L1)]
[Input(3)]
[Dense(5, Activation.ArcTan)]
[Dense(4, Activation.LeakyReLU, Slope = 0.1)]
[Dense(5, Activation.ELU, Alpha = 0.5)]
[Dense(4, Activation.SoftPlus, Beta = 2)]
[Dense(2)]
public partial class SmoothActivations { }

[Network(Loss = Loss.BCE)]
[Input(3)]
[Dense(2, Activation.Sigmoid)]
public partial class SigmoidBce { }

[Network(Loss = Loss.BCEWithLogits)]
[Input(3)]
[Dense(1)]
public partial class LogitsBce { }

[Network(Loss = Loss.Perceptron)]
[Input(2)]
[Dense(1, Activation.BinaryStep)]
public partial class StepPerceptron { }
