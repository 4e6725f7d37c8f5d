using System;
using System.Collections.Generic;
using System.IO;
using Course.Examples;

namespace Course;

/// <summary>One worked example: its subcommand, a one-line summary and how to run it.</summary>
public sealed record CourseExample(string Name, string Summary, Func<TextWriter, CourseOptions, object> Run)
{
    /// <summary>Every example, in the order of the course.</summary>
    public static IReadOnlyList<CourseExample> All { get; } =
    [
        new(PerceptronAnd.Name, "the perceptron rule learns AND, every presentation printed", (o, c) => PerceptronAnd.Run(o, c)),
        new(PerceptronNoBias.Name, "a perceptron without bias, w = [1, -0.8] -> [3, 0.2]", (o, c) => PerceptronNoBias.Run(o, c)),
        new(PerceptronPoints.Name, "a perceptron separates two clouds of points; picture of the line", (o, c) => PerceptronPoints.Run(o, c)),
        new(XorProblem.Name, "one perceptron cannot learn XOR, a 2-layer MLP can; picture of its regions", (o, c) => XorProblem.Run(o, c)),
        new(LinearMse.Name, "the cost of a line on y = 2x + 4, then gradient descent to w = 2, b = 4", (o, c) => LinearMse.Run(o, c)),
        new(SigmoidChainRule.Name, "the chain rule through sigmoid(w0 x0 + w1 x1 + w2), checked by finite differences", (o, c) => SigmoidChainRule.Run(o, c)),
        new(TfLineFit.Name, "TensorFlow's first example: fit y = 0.1 x + 0.3 by gradient descent", (o, c) => TfLineFit.Run(o, c)),
        new(KerasBinary.Name, "Keras' binary classifier on random data: BCE, RMSprop, loss and accuracy per epoch", (o, c) => KerasBinary.Run(o, c)),
        new(MnistOverfitting.Name, "over- and under-fitting on MNIST: plain, dropout, L2, max-norm; picture of the curves", (o, c) => MnistOverfitting.Run(o, c)),
        new(Autoencoder.Name, "an MNIST autoencoder with 256 ReLU units; pictures of its features and reconstructions", (o, c) => Autoencoder.Run(o, c)),
        new(Classify2D.Name, "an MLP learns two spirals; picture of the decision boundary (--frames: every 20 epochs)", (o, c) => Classify2D.Run(o, c)),
        new(Letters.Name, "an MLP reads the 8x8 handwritten digits of a CSV file", (o, c) => Letters.Run(o, c)),
    ];
}
