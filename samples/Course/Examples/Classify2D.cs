using System;
using System.Collections.Generic;
using System.IO;
using NetGen;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Training;
using ScottPlot;
using static System.FormattableString;

namespace Course.Examples;

/// <summary>Two hidden layers of 32 ReLU units; two logits, softmax and cross-entropy.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(2)]
[Dense(32, Activation.ReLU)]
[Dense(32, Activation.ReLU)]
[Dense(2)]
public partial class SpiralClassifier { }

/// <summary>Accuracy and loss on the training points, and every picture written (the last one is the final boundary).</summary>
public sealed record Classify2DResult(float Accuracy, float Loss, int Epochs, IReadOnlyList<string> Pictures);

/// <summary>
/// Two interleaved spirals, the classic problem no straight line and no single hidden unit can solve. The MLP's
/// decision boundary is drawn after training; with <c>--frames</c> also every 20 epochs, to watch it form.
/// </summary>
public static class Classify2D
{
    public const string Name = "classify-2d";
    private const int FrameEvery = 20;

    public static Classify2DResult Run(TextWriter output, CourseOptions options)
    {
        (float[] xy, int[] labels) = TwoSpirals(pointsPerClass: 200, seed: 3);
        Dataset points = Dataset.WithLabels(xy, 2, labels, classCount: 2, "two spirals");
        var network = new SpiralClassifier(seed: 1);
        var adam = new Adam(learningRate: 0.003f);
        int epochs = options.Epochs ?? 200;
        output.WriteLine($"{points.Count} points on two spirals, MLP 2-32-32-2 (ReLU), Adam lr 0.003, batches of 32, {epochs} epochs");

        var pictures = new List<string>();
        for (int done = 0; done < epochs;)
        {
            // Training in blocks of FrameEvery epochs, so that a run with --frames learns exactly what one without does.
            int block = Math.Min(FrameEvery, epochs - done);
            Trainer.Fit(network, adam, points, new TrainingOptions { Epochs = block, BatchSize = 32, Seed = done });
            done += block;
            Evaluation now = Trainer.Evaluate(network, points);
            output.WriteLine(Invariant($"epoch {done,4}: loss {now.Loss:F4}, accuracy {now.Accuracy:F3}"));
            if (options.Frames && done < epochs)
            {
                string frame = Invariant($"classify-2d-epoch-{done:D4}.png");
                pictures.Add(Pictures.Save(Picture(network, xy, labels, $"after {done} epochs"), options, frame, output, 600, 600));
            }
        }

        Evaluation result = Trainer.Evaluate(network, points);
        string title = Invariant($"{epochs} epochs: {result.Accuracy:P1} right");
        pictures.Add(Pictures.Save(Picture(network, xy, labels, title), options, "classify-2d.png", output, 600, 600));
        return new Classify2DResult(result.Accuracy ?? 0, result.Loss, epochs, pictures);
    }

    /// <summary>
    /// Points r (cos(theta), sin(theta)) with r growing from 0.05 to 1 as theta turns 1.75 times around, and the
    /// same spiral rotated by half a turn for class 1; each point jittered by up to 0.03 in x and y.
    /// </summary>
    public static (float[] Xy, int[] Labels) TwoSpirals(int pointsPerClass, int seed)
    {
        var random = new SeededRandom(seed);
        float[] xy = new float[4 * pointsPerClass];
        int[] labels = new int[2 * pointsPerClass];
        for (int i = 0; i < 2 * pointsPerClass; i++)
        {
            int label = i % 2;
            double t = (i / 2 + 0.5) / pointsPerClass;
            double r = 0.05 + 0.95 * t, theta = 1.75 * 2 * Math.PI * t + label * Math.PI;
            xy[2 * i] = (float)(r * Math.Cos(theta)) + random.NextSymmetric(0.03f);
            xy[2 * i + 1] = (float)(r * Math.Sin(theta)) + random.NextSymmetric(0.03f);
            labels[i] = label;
        }

        return (xy, labels);
    }

    private static Plot Picture(INetwork network, float[] xy, int[] labels, string when)
    {
        var plot = new Plot();
        Pictures.AddDecisionMap(plot, network, new CoordinateRect(-1.2, 1.2, -1.2, 1.2), resolution: 200);
        Pictures.AddPoints(plot, xy, labels, size: 5);
        plot.Axes.SquareUnits();
        plot.Title($"Two spirals, 2-32-32-2 MLP, {when}");
        plot.XLabel("x1");
        plot.YLabel("x2");
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }
}
