using System.IO;
using NetGen;

namespace Course.Examples;

/// <summary>A perceptron without bias: its decision line goes through the origin.</summary>
[Network(Loss = Loss.Perceptron)]
[Input(2)]
[Dense(1, Activation.BinaryStep, Bias = false)]
public partial class NoBiasPerceptron { }

/// <summary>
/// The course's perceptron without bias: w = [1, -0.8], p1 = [1, 2] -> 1, p2 = [-1, 2] -> 0, p3 = [0, -1] -> 0,
/// learning rate 1. Each error adds or subtracts the whole input: w ends at [3, 0.2].
/// </summary>
public static class PerceptronNoBias
{
    public const string Name = "perceptron-nobias";

    public static PerceptronResult Run(TextWriter output, CourseOptions options)
    {
        output.WriteLine("perceptron without bias: w = [1, -0.8], learning rate 1");
        var network = new NoBiasPerceptron([1f, -0.8f]);
        float[][] inputs = [[1, 2], [-1, 2], [0, -1]];
        float[] targets = [1, 0, 0];

        // p1: z = 1 - 1.6 = -0.6 -> 0, t = 1: w = [2, 1.2].  p2: z = -2 + 2.4 = 0.4 -> 1, t = 0: w = [3, -0.8].
        // p3: z = 0.8 -> 1, t = 0: w = [3, 0.2].  Second epoch: z = 3.4, -2.6, -0.2 -> 1, 0, 0: no error.
        PerceptronResult result = PerceptronRule.Train(network, inputs, targets, learningRate: 1f, maxEpochs: 100, output);
        output.WriteLine(result.Converged
            ? $"no error in epoch {result.Epochs}: w = [{PerceptronRule.Number(result.Parameters[0])}, {PerceptronRule.Number(result.Parameters[1])}]"
            : $"still wrong after {result.Epochs} epochs");
        return result;
    }
}
