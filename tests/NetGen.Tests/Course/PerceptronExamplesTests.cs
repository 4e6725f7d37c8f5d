using System.IO;
using System.Linq;
using Course;
using Course.Examples;
using Xunit;

namespace NetGen.Tests.CourseExamples;

/// <summary>perceptron-and and perceptron-nobias against the course's hand-worked numbers; perceptron-points on its data.</summary>
public class PerceptronExamplesTests
{
    [Fact]
    public void PerceptronAnd_UpdatesOnlyOnOneOne_ThenMakesNoError()
    {
        // w = (0.038, 0.21), b = -0.32, lr 0.05. Epoch 1: (0,0): z = -0.32 -> 0; (0,1): -0.11 -> 0; (1,0): -0.282 -> 0,
        // all right. (1,1): z = 0.038 + 0.21 - 0.32 = -0.072 -> 0 but t = 1, error 1:
        // w = (0.038 + 0.05, 0.21 + 0.05) = (0.088, 0.26), b = -0.32 + 0.05 = -0.27.
        // Epoch 2: z = -0.27, -0.01, -0.182 -> 0, 0, 0 and 0.078 -> 1: no error, so 8 presentations in all.
        PerceptronResult result = PerceptronAnd.Run(TextWriter.Null, new CourseOptions());

        Assert.Equal(8, result.Presentations.Count);
        Assert.All(result.Presentations.Take(3), p => Assert.Equal(0f, p.Error));
        Presentation fourth = result.Presentations[3];
        Assert.Equal([1f, 1f], fourth.Input);
        Assert.Equal(1f, fourth.Error);
        Assert.Equal(0.088f, fourth.Parameters[0], 6);
        Assert.Equal(0.26f, fourth.Parameters[1], 6);
        Assert.Equal(-0.27f, fourth.Parameters[2], 6);
        Assert.All(result.Presentations.Skip(4), p => Assert.Equal(0f, p.Error));
        Assert.True(result.Converged);
        Assert.Equal(2, result.Epochs);
    }

    [Fact]
    public void PerceptronAnd_PrintsEveryPresentation()
    {
        var text = new StringWriter();
        PerceptronAnd.Run(text, new CourseOptions());

        string[] lines = text.ToString().Split('\n');
        Assert.Equal(8, lines.Count(l => l.StartsWith("epoch ", System.StringComparison.Ordinal)));
        Assert.Contains("epoch 1  x = (1, 1)  t = 1  y = 0  error =  1  ->  w = (0.088, 0.26)  b = -0.27", lines.Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void PerceptronNoBias_EndsAtThreeAndOneFifth()
    {
        // w = [1, -0.8], lr 1. p1 = [1, 2]: z = 1 - 1.6 = -0.6 -> 0, t = 1: w += p1 = [2, 1.2].
        // p2 = [-1, 2]: z = -2 + 2.4 = 0.4 -> 1, t = 0: w -= p2 = [3, -0.8].
        // p3 = [0, -1]: z = 0.8 -> 1, t = 0: w -= p3 = [3, 0.2].
        // Epoch 2: z = 3 + 0.4 = 3.4 -> 1, -3 + 0.4 = -2.6 -> 0, -0.2 -> 0: all right.
        PerceptronResult result = PerceptronNoBias.Run(TextWriter.Null, new CourseOptions());

        Assert.Equal(6, result.Presentations.Count);
        Assert.Equal([2f, 1.2f], result.Presentations[0].Parameters);
        Assert.Equal(3f, result.Presentations[1].Parameters[0], 6);
        Assert.Equal(-0.8f, result.Presentations[1].Parameters[1], 6);
        Assert.Equal(3f, result.Parameters[0], 6);
        Assert.Equal(0.2f, result.Parameters[1], 6);
        Assert.True(result.Converged);
        Assert.Equal(2, result.Epochs);
    }

    [Fact]
    public void PerceptronPoints_SeparatesTheCloudsAndDrawsTheLine()
    {
        using var output = new CourseOutput();
        PointsResult result = PerceptronPoints.Run(TextWriter.Null, output.Options);

        Assert.True(result.Converged);
        Assert.Equal(0, result.Misclassified);
        output.AssertPicture(result.Picture, "perceptron-points.png");
    }

    [Fact]
    public void Xor_DefeatsThePerceptronButNotTheMlp()
    {
        using var output = new CourseOutput();
        XorResult result = XorProblem.Run(TextWriter.Null, output.Options);

        // No line separates XOR, so no epoch of the perceptron can get all four right.
        Assert.True(result.PerceptronBestCorrect < 4);
        Assert.Equal(20, result.PerceptronCorrectPerEpoch.Length);
        Assert.Equal(4, result.MlpCorrect);
        Assert.True(result.MlpLoss < 0.01f, $"MLP loss {result.MlpLoss}");
        output.AssertPicture(result.Picture, "xor-regions.png");
    }
}
