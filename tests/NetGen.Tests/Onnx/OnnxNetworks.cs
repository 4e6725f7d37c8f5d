using NetGen;

namespace NetGen.Tests.Onnx;

// Networks that exercise the corners of the ONNX mapping the other test networks leave out. Each comment names the
// part of OnnxGraphBuilder it reaches.

/// <summary>BinaryStep (GreaterOrEqual + Cast) feeding another layer.</summary>
[Network(Loss = Loss.MSE)]
[Input(4)]
[Dense(6, Activation.BinaryStep)]
[Dense(3, Activation.BinaryStep)]
[Dense(2)]
public partial class OnnxBinaryStepNetwork { }

/// <summary>SoftPlus with beta 2, 0.5 and 1 (Mul/Softplus/Div and plain Softplus), fed large inputs to reach the linear region.</summary>
[Network(Loss = Loss.MSE)]
[Input(3)]
[Dense(6, Activation.SoftPlus, Beta = 2)]
[Dense(5, Activation.SoftPlus, Beta = 0.5)]
[Dense(4, Activation.SoftPlus)]
[Dense(2, Activation.LeakyReLU, Slope = 0.2)]
public partial class OnnxSoftPlusNetwork { }

/// <summary>Softmax over a whole image (Flatten, Softmax, then Reshape back for the pooling), per-channel PReLU ([C, 1, 1]).</summary>
[Network(Loss = Loss.MSE)]
[Input(2, 6, 6)]
[Conv2D(3, 3, Activation.Softmax, Padding = 1)]
[MaxPool2D(2)]
[Conv2D(4, 2, Activation.PReLU, SlopePerUnit = true)]
[Dense(3, Activation.SoftPlus)]
public partial class OnnxImageSoftmaxNetwork { }

/// <summary>An image output: the graph ends with a Flatten; strided convolution, overlapping max pooling, ELU.</summary>
[Network(Loss = Loss.MSE)]
[Input(2, 7, 7)]
[Conv2D(3, 3, Activation.ELU, Stride = 2, Alpha = 0.7)]
[MaxPool2D(2, Stride = 1)]
public partial class OnnxImageOutputNetwork { }

/// <summary>A dense layer straight on an image, with one shared PReLU slope ([1]), then dropout on a vector.</summary>
[Network(Loss = Loss.MSE)]
[Input(1, 4, 4)]
[Dense(5, Activation.PReLU)]
[Dropout(0.4)]
[Dense(2, Activation.ArcTan, Bias = false)]
public partial class OnnxDenseOnImageNetwork { }

/// <summary>Conv with Softmax as the last layer: the flattened softmax is the output, no Reshape.</summary>
[Network(Loss = Loss.MSE)]
[Input(1, 5, 5)]
[AvgPool2D(2, Stride = 1)]
[Dropout(0.1)]
[Conv2D(2, 3, Activation.Softmax)]
public partial class OnnxImageSoftmaxOutputNetwork { }
