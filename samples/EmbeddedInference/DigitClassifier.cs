using NetGen;

namespace EmbeddedInference;

/// <summary>
/// 784 pixels, 64 ReLU hidden units, 10 logits: small enough that its weights (50,890 floats, 200 KB) ship inside
/// the sample, accurate enough (about 95 % on the MNIST test set) to be worth embedding.
/// </summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(64, Activation.ReLU)]
[Dense(10)]
public partial class DigitClassifier { }
