using System.IO;
using NetGen;

namespace Course.Examples;

/// <summary>Rosenblatt's perceptron: a weighted sum of two inputs, a bias and a step.</summary>
[Network(Loss = Loss.Perceptron)]
[Input(2)]
[Dense(1, Activation.BinaryStep)]
public partial class AndPerceptron { }

/// <summary>
/// The AND gate by the perceptron rule, as the course works it by hand: w = (0.038, 0.21), bias -0.32, learning rate
/// 0.05, samples (0,0), (0,1), (1,0), (1,1) in that order, until an epoch makes no error.
/// </summary>
public static class PerceptronAnd
{
    public const string Name = "perceptron-and";

    public static PerceptronResult Run(TextWriter output, CourseOptions options)
    {
        output.WriteLine("AND gate: step activation, w = (0.038, 0.21), b = -0.32, learning rate 0.05");
        var network = new AndPerceptron([0.038f, 0.21f, -0.32f]); // parameters: w1, w2, then the bias
        float[][] inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
        float[] targets = [0, 0, 0, 1];

        // The first epoch: z = -0.32, -0.11, -0.282 give 0 as wanted; (1,1) gives z = -0.072 -> 0 but t = 1, so
        // w += 0.05 * (1, 1) and b += 0.05: w = (0.088, 0.26), b = -0.27. The second epoch makes no error.
        PerceptronResult result = PerceptronRule.Train(network, inputs, targets, learningRate: 0.05f, maxEpochs: 100, output);
        output.WriteLine(result.Converged
            ? $"no error in epoch {result.Epochs}: the perceptron computes AND"
            : $"still wrong after {result.Epochs} epochs");
        return result;
    }
}
