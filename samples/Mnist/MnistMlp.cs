using NetGen;

namespace MnistSample;

/// <summary>784 pixels, 128 ReLU hidden units, 10 logits; softmax and cross-entropy fused in the loss.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class MnistMlp { }
