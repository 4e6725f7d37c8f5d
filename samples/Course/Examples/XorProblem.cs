using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;
using NetGen.Optimizers;
using NetGen.Training;
using ScottPlot;

namespace Course.Examples;

/// <summary>One step neuron: its decision boundary is a single straight line.</summary>
[Network(Loss = Loss.Perceptron)]
[Input(2)]
[Dense(1, Activation.BinaryStep)]
public partial class XorPerceptron { }

/// <summary>Two layers: 4 tanh hidden units bend the boundary, one sigmoid output says how sure it is of a 1.</summary>
[Network(Loss = Loss.MSE)]
[Input(2)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Sigmoid)]
public partial class XorMlp { }

/// <summary>Best score of the perceptron over its epochs, the MLP's score and loss, and the picture.</summary>
public sealed record XorResult(int PerceptronBestCorrect, int[] PerceptronCorrectPerEpoch, int MlpCorrect, float MlpLoss, string Picture);

/// <summary>
/// XOR is not linearly separable: no line puts (0,1) and (1,0) on one side and (0,0), (1,1) on the other, so the
/// perceptron rule cycles forever and never gets all four right. A hidden layer solves it.
/// </summary>
public static class XorProblem
{
    public const string Name = "xor";

    public static XorResult Run(TextWriter output, CourseOptions options)
    {
        float[][] inputs = [[0, 0], [0, 1], [1, 0], [1, 1]];
        float[] targets = [0, 1, 1, 0];

        // 1. The perceptron rule for 20 epochs; after each epoch, count the cases it gets right.
        var perceptron = new XorPerceptron([0.038f, 0.21f, -0.32f]);
        const int epochs = 20;
        PerceptronResult run = PerceptronRule.Train(perceptron, inputs, targets, learningRate: 0.05f, maxEpochs: epochs, printEach: null);
        int[] correct = new int[run.Epochs];
        float[] y = new float[1];
        for (int e = 1; e <= run.Epochs; e++)
        {
            run.Presentations.Last(p => p.Epoch == e).Parameters.CopyTo(perceptron.Parameters);
            for (int i = 0; i < inputs.Length; i++)
            {
                perceptron.Forward(inputs[i], y);
                correct[e - 1] += y[0] == targets[i] ? 1 : 0;
            }
        }

        output.WriteLine($"single perceptron, {run.Epochs} epochs of the perceptron rule; cases right after each epoch: {string.Join(" ", correct)}");
        output.WriteLine($"best: {correct.Max()}/4 (it never reaches 4/4: {(run.Converged ? "it did?!" : "no epoch without an error")})");

        // 2. A 2-4-1 MLP trained by gradient descent on the mean squared error.
        var mlp = new XorMlp(seed: 1);
        float[] flat = inputs.SelectMany(x => x).ToArray();
        float[] losses = Trainer.Fit(mlp, new Sgd(learningRate: 0.5f, momentum: 0.9f), flat, targets, epochs: options.Epochs ?? 500, batchSize: 4, seed: 1);
        float[] outputs = new float[4];
        mlp.Forward(flat, outputs);
        int mlpCorrect = 0;
        for (int i = 0; i < 4; i++)
        {
            int predicted = outputs[i] >= 0.5f ? 1 : 0;
            mlpCorrect += predicted == (int)targets[i] ? 1 : 0;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"MLP: {inputs[i][0]} XOR {inputs[i][1]} = {outputs[i]:F4} -> {predicted} (expected {targets[i]})"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MLP 2-4-1: {mlpCorrect}/4 correct, loss {losses[0]:F4} -> {losses[^1]:F6} after {losses.Length} epochs"));

        var plot = new Plot();
        Pictures.AddDecisionMap(plot, mlp, new CoordinateRect(-0.5, 1.5, -0.5, 1.5));
        Pictures.AddPoints(plot, flat, targets.Select(t => (int)t).ToArray(), size: 14);
        plot.Axes.SquareUnits();
        plot.Title("XOR: regions of the 2-4-1 MLP (red: output near 1)");
        plot.XLabel("x1");
        plot.YLabel("x2");
        plot.ShowLegend(Alignment.UpperCenter);
        string picture = Pictures.Save(plot, options, "xor-regions.png", output, 600, 600);
        return new XorResult(correct.Max(), correct, mlpCorrect, losses[^1], picture);
    }
}
