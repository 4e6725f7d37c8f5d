using System;
using System.IO;
using System.Linq;
using NetGen;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Training;
using static System.FormattableString;

namespace Course.Examples;

/// <summary>784 pixels squeezed through 256 ReLU units and expanded back to 784 pixels in [0, 1].</summary>
[Network(Loss = Loss.MSE)]
[Input(784)]
[Dense(256, Activation.ReLU)]
[Dense(784, Activation.Sigmoid)]
public partial class MnistAutoencoder { }

/// <summary>Reconstruction errors (and, for scale, the error of always answering the mean image) and the pictures.</summary>
public sealed record AutoencoderResult(float TrainingLoss, float TestLoss, float MeanImageLoss, string FeaturesPicture, string ReconstructionsPicture);

/// <summary>
/// An autoencoder learns to copy its input through a narrower layer, so the hidden units must find features that
/// describe digits. The targets are the inputs themselves; the loss is the mean squared error per pixel.
/// </summary>
public static class Autoencoder
{
    public const string Name = "autoencoder";
    private const int Side = Mnist.ImageSize, Pixels = Mnist.FeatureSize, Hidden = 256, Shown = 10;

    public static AutoencoderResult Run(TextWriter output, CourseOptions options)
    {
        string mnist = Path.Combine(options.DataDirectory, "mnist");
        Dataset trainImages = Mnist.Load(mnist, train: true).Take(options.TrainingSamples ?? 5000);
        Dataset testImages = Mnist.Load(mnist, train: false).Take(options.TestSamples ?? 1000);
        Dataset train = Dataset.WithTargets(trainImages.Features, Pixels, trainImages.Features, Pixels, "MNIST, targets = inputs");
        Dataset test = Dataset.WithTargets(testImages.Features, Pixels, testImages.Features, Pixels, "MNIST test, targets = inputs");

        var autoencoder = new MnistAutoencoder(seed: 1);
        int epochs = options.Epochs ?? 10;
        output.WriteLine($"{train.Count} training images, {epochs} epochs of Adam (lr 0.001), batches of 64");
        var adam = new Adam(learningRate: 0.001f);
        TrainingHistory history = Trainer.Fit(autoencoder, adam, train, new TrainingOptions { Epochs = epochs, BatchSize = 64, Seed = 1 });
        output.WriteLine(Invariant($"training loss per epoch: {string.Join(" ", history.Losses.Select(l => Invariant($"{l:F4}")))}"));

        float testLoss = Trainer.Evaluate(autoencoder, test).Loss;
        float meanImageLoss = MeanImageLoss(train, test);
        output.WriteLine(Invariant($"test reconstruction error {testLoss:F4} per pixel; the mean training image as the answer: {meanImageLoss:F4}"));

        // Features: the hidden units' incoming weight vectors, W[unit, :] of the first layer, each shown as 28 x 28.
        TensorInfo weights = autoencoder.ParameterTensors.First(t => t.Name == "0.weight");
        ReadOnlySpan<float> features = autoencoder.Parameters.Slice(weights.Offset, Hidden * Pixels);
        double[,] tiles = Pictures.Mosaic(features, Hidden, Side, columns: 16, stretchEach: true);
        string featuresPicture = Pictures.Save(
            Pictures.Image(tiles, "What the 256 hidden units look for (first-layer weights)"), options, "autoencoder-features.png", output, 900, 940);

        // Reconstructions: the first test digits above what the autoencoder gives back.
        float[] originals = testImages.Features.AsSpan(0, Shown * Pixels).ToArray();
        float[] rebuilt = new float[Shown * Pixels];
        autoencoder.Forward(originals, rebuilt);
        double[,] pairs = Pictures.Mosaic([.. originals, .. rebuilt], 2 * Shown, Side, columns: Shown, stretchEach: false);
        string reconstructionsPicture = Pictures.Save(
            Pictures.Image(pairs, "Test digits (top) and their reconstructions (bottom)"), options, "autoencoder-reconstructions.png", output, 900, 260);

        return new AutoencoderResult(history.Losses[^1], testLoss, meanImageLoss, featuresPicture, reconstructionsPicture);
    }

    /// <summary>The mean squared error on <paramref name="test"/> of a "network" that always outputs the mean training image.</summary>
    private static float MeanImageLoss(Dataset train, Dataset test)
    {
        double[] mean = new double[Pixels];
        for (int i = 0; i < train.Count; i++)
        {
            ReadOnlySpan<float> image = train.Sample(i);
            for (int p = 0; p < Pixels; p++)
            {
                mean[p] += image[p] / (double)train.Count;
            }
        }

        double sum = 0;
        for (int i = 0; i < test.Count; i++)
        {
            ReadOnlySpan<float> image = test.Sample(i);
            for (int p = 0; p < Pixels; p++)
            {
                sum += (image[p] - mean[p]) * (image[p] - mean[p]);
            }
        }

        return (float)(sum / ((double)test.Count * Pixels));
    }
}
