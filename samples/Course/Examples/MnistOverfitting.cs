using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NetGen;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Training;
using ScottPlot;
using static System.FormattableString;

namespace Course.Examples;

/// <summary>A wide hidden layer and nothing to hold it back: it can memorise 2,000 images.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(512, Activation.ReLU)]
[Dense(10)]
public partial class WideMlp { }

/// <summary>The same, with half of the hidden units dropped at random in every training step.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(512, Activation.ReLU)]
[Dropout(0.5)]
[Dense(10)]
public partial class WideMlpDropout { }

/// <summary>The same, with the penalty 0.0005 * sum(w^2) on the weights (weight decay).</summary>
[Network(Loss = Loss.CrossEntropy, L2 = 0.0005)]
[Input(784)]
[Dense(512, Activation.ReLU)]
[Dense(10)]
public partial class WideMlpL2 { }

/// <summary>Dropout on the inputs and the hidden units, and each unit's weight vector kept within length 3.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dropout(0.2)]
[Dense(512, Activation.ReLU, MaxNorm = 3)]
[Dropout(0.5)]
[Dense(10, MaxNorm = 3)]
public partial class WideMlpMaxNorm { }

/// <summary>A penalty so strong that the weights cannot fit even the training images: under-fitting.</summary>
[Network(Loss = Loss.CrossEntropy, L2 = 0.02)]
[Input(784)]
[Dense(512, Activation.ReLU)]
[Dense(10)]
public partial class WideMlpStrongL2 { }

/// <summary>Training and test accuracy after each epoch for one variant.</summary>
public sealed record FitCurves(string Variant, float[] TrainingAccuracy, float[] TestAccuracy);

/// <summary>Every variant's curves and the picture.</summary>
public sealed record MnistOverfittingResult(IReadOnlyList<FitCurves> Variants, int TrainingImages, int TestImages, string Picture);

/// <summary>
/// Over- and under-fitting: a 784-512-10 network on only 2,000 MNIST images reaches 100 % on them while the test
/// accuracy stalls; dropout, an L2 penalty and max-norm narrow the gap; a too-strong penalty leaves both low.
/// Accuracies are measured after each epoch in inference mode (no dropout), on the training images and on test images.
/// </summary>
public static class MnistOverfitting
{
    public const string Name = "mnist-overfitting";

    public static MnistOverfittingResult Run(TextWriter output, CourseOptions options)
    {
        string mnist = Path.Combine(options.DataDirectory, "mnist");
        Dataset train = Mnist.Load(mnist, train: true).Take(options.TrainingSamples ?? 2000);
        Dataset test = Mnist.Load(mnist, train: false).Take(options.TestSamples ?? 2000);
        int epochs = options.Epochs ?? 15;
        output.WriteLine($"{train.Count} training and {test.Count} test images, {epochs} epochs of Adam (lr 0.001), batches of 32");

        (string Name, Func<INetwork> Create)[] variants =
        [
            ("no regularisation", () => new WideMlp(seed: 1)),
            ("dropout 0.5", () => new WideMlpDropout(seed: 1)),
            ("L2 0.0005", () => new WideMlpL2(seed: 1)),
            ("dropout + max-norm 3", () => new WideMlpMaxNorm(seed: 1)),
            ("strong L2 0.02 (under-fits)", () => new WideMlpStrongL2(seed: 1)),
        ];

        var curves = new List<FitCurves>();
        foreach ((string name, Func<INetwork> create) in variants)
        {
            INetwork network = create();
            var adam = new Adam(learningRate: 0.001f);
            float[] trainAccuracy = new float[epochs], testAccuracy = new float[epochs];
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                Trainer.Fit(network, adam, train, new TrainingOptions { Epochs = 1, BatchSize = 32, Seed = epoch });
                trainAccuracy[epoch] = Trainer.Evaluate(network, train).Accuracy ?? 0;
                testAccuracy[epoch] = Trainer.Evaluate(network, test).Accuracy ?? 0;
            }

            curves.Add(new FitCurves(name, trainAccuracy, testAccuracy));
            output.WriteLine(Invariant(
                $"{name,-27} training {string.Join(" ", trainAccuracy.Select(a => Invariant($"{a:F3}")))}"));
            output.WriteLine(Invariant(
                $"{"",-27} test     {string.Join(" ", testAccuracy.Select(a => Invariant($"{a:F3}")))}   gap {trainAccuracy[^1] - testAccuracy[^1]:F3}"));
        }

        string picture = Pictures.Save(Plot(curves), options, "mnist-overfitting.png", output, 1200, 800);
        return new MnistOverfittingResult(curves, train.Count, test.Count, picture);
    }

    private static Multiplot Plot(List<FitCurves> curves)
    {
        var figure = new Multiplot();
        figure.AddPlots(curves.Count + curves.Count % 2);
        figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows: 2, columns: (curves.Count + 1) / 2);
        double low = Math.Floor(curves.Min(c => Math.Min(c.TrainingAccuracy.Min(), c.TestAccuracy.Min())) * 20) / 20;
        for (int i = 0; i < curves.Count; i++)
        {
            Plot plot = figure.GetPlot(i);
            double[] epochs = Enumerable.Range(1, curves[i].TrainingAccuracy.Length).Select(e => (double)e).ToArray();
            var training = plot.Add.Scatter(epochs, curves[i].TrainingAccuracy.Select(a => (double)a).ToArray(), Pictures.ClassColors[0]);
            training.LegendText = "training";
            var test = plot.Add.Scatter(epochs, curves[i].TestAccuracy.Select(a => (double)a).ToArray(), Pictures.ClassColors[1]);
            test.LegendText = "test";
            test.LinePattern = LinePattern.Dashed;
            plot.Axes.SetLimitsY(low, 1.005);
            plot.Title(Invariant($"{curves[i].Variant}: gap {curves[i].TrainingAccuracy[^1] - curves[i].TestAccuracy[^1]:F3}"));
            plot.XLabel("epoch");
            plot.YLabel("accuracy");
            plot.ShowLegend(Alignment.LowerRight);
        }

        if (curves.Count % 2 == 1)
        {
            figure.GetPlot(curves.Count).HideAxesAndGrid(); // an empty cell to fill the grid
        }

        return figure;
    }
}
