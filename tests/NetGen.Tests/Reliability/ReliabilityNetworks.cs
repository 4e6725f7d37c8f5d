using NetGen;

namespace NetGen.Tests.Reliability;

// Networks for the reliability tests. The "pass-through" networks have one square Dense layer that the tests set to
// the identity, so that chosen extreme values reach the activation or loss under test unchanged.

/// <summary>Identity Dense, then softmax as an activation (log-sum-exp inside), MSE on the probabilities.</summary>
[Network(Loss = Loss.MSE)]
[Input(3)]
[Dense(3, Activation.Softmax)]
public partial class PassThroughSoftmax { }

/// <summary>Identity Dense into CrossEntropy: the logits reach the fused softmax/log-sum-exp loss unchanged.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(3)]
[Dense(3)]
public partial class PassThroughCrossEntropy { }

/// <summary>Identity Dense into BCE with logits.</summary>
[Network(Loss = Loss.BCEWithLogits)]
[Input(4)]
[Dense(4)]
public partial class PassThroughBceWithLogits { }

/// <summary>Identity Dense, sigmoid, then BCE on the probabilities.</summary>
[Network(Loss = Loss.BCE)]
[Input(4)]
[Dense(4, Activation.Sigmoid)]
public partial class PassThroughSigmoidBce { }

/// <summary>Identity Dense with SoftPlus (beta 1, PyTorch's threshold 20), MSE.</summary>
[Network(Loss = Loss.MSE)]
[Input(4)]
[Dense(4, Activation.SoftPlus)]
public partial class PassThroughSoftPlus { }

/// <summary>A small convolutional network with dropout for the concurrency and non-finite tests.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 8, 8)]
[Conv2D(4, 3, Activation.ReLU, Padding = 1)]
[MaxPool2D(2)]
[Dropout(0.25)]
[Dense(16, Activation.Tanh)]
[Dense(3)]
public partial class ReliabilityCnn { }

/// <summary>About a million parameters, so that one checkpoint save takes long enough to be killed in the middle.</summary>
[Network(Loss = Loss.MSE)]
[Input(1000)]
[Dense(1000, Activation.Tanh)]
[Dense(10)]
public partial class LargeCheckpointNetwork { }
