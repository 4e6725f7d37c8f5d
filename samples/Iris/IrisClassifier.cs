using NetGen;

namespace IrisSample;

/// <summary>Four measurements of a flower, 16 tanh hidden units, three species as logits.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(4)]
[Dense(16, Activation.Tanh)]
[Dense(3)]
public partial class IrisClassifier { }
