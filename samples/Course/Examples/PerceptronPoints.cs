using System;
using System.IO;
using NetGen;
using ScottPlot;

namespace Course.Examples;

/// <summary>The same step neuron as <see cref="AndPerceptron"/>, for points in the plane.</summary>
[Network(Loss = Loss.Perceptron)]
[Input(2)]
[Dense(1, Activation.BinaryStep)]
public partial class PointsPerceptron { }

/// <summary>What the perceptron learned on the two clouds and where the picture went.</summary>
public sealed record PointsResult(int Epochs, bool Converged, int Misclassified, float[] Parameters, string Picture);

/// <summary>
/// Two clouds of points that a straight line can separate (Gaussian, seeded). The perceptron rule, which the
/// convergence theorem promises will stop on separable data, finds such a line: w1 x1 + w2 x2 + b = 0.
/// </summary>
public static class PerceptronPoints
{
    public const string Name = "perceptron-points";
    private const int PerClass = 50;

    public static PointsResult Run(TextWriter output, CourseOptions options)
    {
        (float[] xy, int[] labels) = TwoClouds(seed: 7);
        float[][] inputs = new float[labels.Length][];
        float[] targets = new float[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            inputs[i] = [xy[2 * i], xy[2 * i + 1]];
            targets[i] = labels[i];
        }

        var network = new PointsPerceptron([0f, 0f, 0f]);
        PerceptronResult result = PerceptronRule.Train(network, inputs, targets, learningRate: 0.1f, maxEpochs: 100, printEach: null);
        int[] errorsPerEpoch = new int[result.Epochs];
        foreach (Presentation p in result.Presentations)
        {
            errorsPerEpoch[p.Epoch - 1] += p.Error != 0 ? 1 : 0;
        }

        output.WriteLine($"{labels.Length} points, learning rate 0.1, errors per epoch: {string.Join(", ", errorsPerEpoch)}");
        float[] p0 = result.Parameters;
        string w1 = PerceptronRule.Number(p0[0]), w2 = PerceptronRule.Number(p0[1]), b = PerceptronRule.Number(p0[2]);
        output.WriteLine($"learned w = ({w1}, {w2}), b = {b}: the line w1 x1 + w2 x2 + b = 0");

        int misclassified = 0;
        float[] y = new float[1];
        for (int i = 0; i < inputs.Length; i++)
        {
            network.Forward(inputs[i], y);
            misclassified += y[0] != targets[i] ? 1 : 0;
        }

        output.WriteLine($"misclassified after training: {misclassified} of {inputs.Length}");

        var plot = new Plot();
        Pictures.AddPoints(plot, xy, labels);
        // The line w1 x1 + w2 x2 + b = 0, drawn across the points' range (vertical when w2 is 0).
        (double left, double right) = (-1, 6);
        var line = p0[1] != 0
            ? plot.Add.Line(left, -(p0[0] * left + p0[2]) / p0[1], right, -(p0[0] * right + p0[2]) / p0[1])
            : plot.Add.Line(-p0[2] / p0[0], left, -p0[2] / p0[0], right);
        line.LineWidth = 2;
        line.Color = Colors.Black;
        line.LegendText = "w1 x1 + w2 x2 + b = 0";
        plot.Axes.SetLimits(left, right, left, right);
        plot.Axes.SquareUnits();
        plot.Title($"Perceptron on two clouds: converged in {result.Epochs} epochs");
        plot.XLabel("x1");
        plot.YLabel("x2");
        plot.ShowLegend(Alignment.UpperLeft);
        string picture = Pictures.Save(plot, options, "perceptron-points.png", output, 600, 600);
        return new PointsResult(result.Epochs, result.Converged, misclassified, p0, picture);
    }

    /// <summary><see cref="PerClass"/> points around (1, 1.2) labelled 0 and as many around (3.5, 3) labelled 1, interleaved (sd 0.7).</summary>
    public static (float[] Xy, int[] Labels) TwoClouds(int seed)
    {
        var random = new SeededRandom(seed);
        float[] xy = new float[4 * PerClass];
        int[] labels = new int[2 * PerClass];
        for (int i = 0; i < 2 * PerClass; i++)
        {
            labels[i] = i % 2;
            (float cx, float cy) = labels[i] == 0 ? (1f, 1.2f) : (3.5f, 3f);
            xy[2 * i] = cx + 0.7f * Gaussian(random);
            xy[2 * i + 1] = cy + 0.7f * Gaussian(random);
        }

        return (xy, labels);
    }

    /// <summary>A standard normal number by the Box-Muller transform.</summary>
    private static float Gaussian(SeededRandom random)
    {
        double u = 1.0 - random.NextSingle(); // in (0, 1], so the logarithm is finite
        double v = random.NextSingle();
        return (float)(Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
    }
}
