using System.Linq;
using Perceptron;
using Xunit;

namespace NetGen.Tests;

/// <summary>The perceptron examples of samples/Perceptron, with the numbers worked out by hand in the comments.</summary>
public class PerceptronTests
{
    [Fact]
    public void AndGate_FirstEpoch_UpdatesOnlyOnTheLastSample()
    {
        // w = (0.038, 0.21), b = -0.32. (0,0): z = -0.32; (0,1): -0.11; (1,0): -0.282; all give 0 = t.
        // (1,1): z = -0.072 -> y = 0, t = 1, error 1: w += 0.05 * (1, 1) = (0.088, 0.26), b += 0.05 = -0.27.
        var network = new TwoInputPerceptron([0.038f, 0.21f, -0.32f]);
        var history = DeltaRule.Train(network, [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1], learningRate: 0.05f);

        Assert.All(history.Take(3), p => Assert.Equal(0f, p.Error));
        DeltaRule.Presentation fourth = history[3];
        Assert.Equal(1f, fourth.Error);
        Assert.Equal(0.088f, fourth.Parameters[0], 6);
        Assert.Equal(0.26f, fourth.Parameters[1], 6);
        Assert.Equal(-0.27f, fourth.Parameters[2], 6);
    }

    [Fact]
    public void AndGate_Converges()
    {
        var network = new TwoInputPerceptron([0.038f, 0.21f, -0.32f]);
        var history = DeltaRule.Train(network, [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 0, 0, 1], learningRate: 0.05f);

        DeltaRule.Presentation[] lastEpoch = history.Where(p => p.Epoch == history[^1].Epoch).ToArray();
        Assert.Equal(4, lastEpoch.Length);
        Assert.All(lastEpoch, p => Assert.Equal(0f, p.Error));
        Assert.True(history[^1].Epoch < 100);
    }

    [Fact]
    public void NoBias_ReachesTheTextbookWeights()
    {
        // w = (1, -0.8). p1 = (1, 2): z = -0.6 -> 0, t = 1: w = (2, 1.2). p2 = (-1, 2): z = 0.4 -> 1, t = 0: w = (3, -0.8).
        // p3 = (0, -1): z = 0.8 -> 1, t = 0: w = (3, 0.2). Second epoch: 3.4 -> 1, -2.6 -> 0, -0.2 -> 0: no error.
        var network = new NoBiasPerceptron([1f, -0.8f]);
        var history = DeltaRule.Train(network, [[1, 2], [-1, 2], [0, -1]], [1, 0, 0], learningRate: 1f);

        Assert.Equal(6, history.Count);
        Assert.Equal([2f, 1.2f], history[0].Parameters);
        Assert.Equal(3f, history[1].Parameters[0], 6);
        Assert.Equal(-0.8f, history[1].Parameters[1], 6);
        Assert.Equal(3f, history[^1].Parameters[0], 6);
        Assert.Equal(0.2f, history[^1].Parameters[1], 6);
        Assert.All(history.Skip(3), p => Assert.Equal(0f, p.Error));
    }
}
