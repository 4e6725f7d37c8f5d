using System.IO;
using System.Linq;
using Course;
using Course.Examples;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.CourseExamples;

/// <summary>The examples that train on data sets, shrunk through <see cref="CourseOptions"/> where they would take long.</summary>
public class TrainingExamplesTests
{
    [Fact]
    public void KerasBinary_ReportsEveryEpochAndTheLossFalls()
    {
        KerasBinaryResult result = KerasBinary.Run(TextWriter.Null, new CourseOptions());

        Assert.Equal(10, result.Epochs.Count);
        Assert.All(result.Epochs, e => Assert.InRange(e.Accuracy!.Value, 0f, 1f));
        float[] losses = result.Epochs.Select(e => e.Loss).ToArray();
        Assert.True(losses[^1] < losses[0], $"losses {string.Join(", ", losses)}");
        // Random labels: nothing to generalise, but 3,265 parameters memorise some of 1,000 labels.
        Assert.True(result.Epochs[^1].Accuracy > 0.5f, $"accuracy {result.Epochs[^1].Accuracy}");
    }

    [Fact]
    public void MnistOverfitting_ShrunkRun_GivesCurvesForEveryVariantAndAPicture()
    {
        using var output = new CourseOutput();
        MnistOverfittingResult result = MnistOverfitting.Run(
            TextWriter.Null, output.Options with { Epochs = 2, TrainingSamples = 500, TestSamples = 500 });

        Assert.Equal(5, result.Variants.Count);
        Assert.All(result.Variants, v =>
        {
            Assert.Equal(2, v.TrainingAccuracy.Length);
            Assert.Equal(2, v.TestAccuracy.Length);
        });
        FitCurves plain = result.Variants[0];
        Assert.True(plain.TrainingAccuracy[^1] > 0.85f, $"training accuracy {plain.TrainingAccuracy[^1]}");
        Assert.True(plain.TestAccuracy[^1] > 0.75f, $"test accuracy {plain.TestAccuracy[^1]}");
        output.AssertPicture(result.Picture, "mnist-overfitting.png");
    }

    [Fact]
    public void Autoencoder_ShrunkRun_ReconstructsBetterThanTheMeanImage()
    {
        using var output = new CourseOutput();
        AutoencoderResult result = Autoencoder.Run(
            TextWriter.Null, output.Options with { Epochs = 3, TrainingSamples = 2000, TestSamples = 200 });

        // The mean image costs about 0.065 per pixel; three short epochs (94 steps) already do much better.
        Assert.True(result.TestLoss < 0.7f * result.MeanImageLoss, $"test loss {result.TestLoss}, mean image {result.MeanImageLoss}");
        output.AssertPicture(result.FeaturesPicture, "autoencoder-features.png");
        output.AssertPicture(result.ReconstructionsPicture, "autoencoder-reconstructions.png");
    }

    [Fact]
    public void Classify2D_LearnsTheSpirals()
    {
        using var output = new CourseOutput();
        Classify2DResult result = Classify2D.Run(TextWriter.Null, output.Options);

        Assert.True(result.Accuracy >= 0.98f, $"accuracy {result.Accuracy}");
        output.AssertPicture(Assert.Single(result.Pictures), "classify-2d.png");
    }

    [Fact]
    public void Classify2D_WithFrames_WritesOnePictureEveryTwentyEpochs()
    {
        using var output = new CourseOutput();
        Classify2DResult result = Classify2D.Run(TextWriter.Null, output.Options with { Epochs = 50, Frames = true });

        Assert.Equal(3, result.Pictures.Count);
        output.AssertPicture(result.Pictures[0], "classify-2d-epoch-0020.png");
        output.AssertPicture(result.Pictures[1], "classify-2d-epoch-0040.png");
        output.AssertPicture(result.Pictures[2], "classify-2d.png");
    }

    [Fact]
    public void Letters_ShrunkRun_ReadsMostDigits()
    {
        LettersResult result = Letters.Run(TextWriter.Null, new CourseOptions { Epochs = 10 });

        Assert.Equal(449, result.TestCount); // a quarter of 1,797, rounded
        Assert.True(result.TestAccuracy > 0.9f, $"test accuracy {result.TestAccuracy}");
        int total = 0;
        foreach (int n in result.Confusion)
        {
            total += n;
        }

        Assert.Equal(result.TestCount, total);
    }
}
