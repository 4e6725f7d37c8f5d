using System;
using NetGen.Optimizers;
using NetGen.Tests.Networks;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests;

public class TrainingTests
{
    private static readonly float[] XorInputs = [0, 0, 0, 1, 1, 0, 1, 1];
    private static readonly float[] XorTargets = [0, 1, 1, 0];

    [Fact]
    public void Xor_SampleSettings_SolveAllFourCases()
    {
        // The same definition, seed and settings as samples/Xor.
        var network = new XorNetwork(seed: 1);
        float[] losses = Trainer.Fit(network, new Sgd(0.5f, momentum: 0.9f), XorInputs, XorTargets, epochs: 500, batchSize: 4, seed: 1);
        Assert.True(losses[^1] < 0.01f * losses[0], $"loss went from {losses[0]} to {losses[^1]}");

        float[] outputs = new float[4];
        network.Forward(XorInputs, outputs);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(XorTargets[i], outputs[i] >= 0.5f ? 1f : 0f);
        }
    }

    [Fact]
    public void Fit_IsDeterministicForASeed()
    {
        float[] RunOnce()
        {
            var network = new XorNetwork(seed: 2);
            Trainer.Fit(network, new Sgd(0.3f, momentum: 0.5f), XorInputs, XorTargets, epochs: 20, batchSize: 3, seed: 9);
            return network.Parameters.ToArray();
        }

        Assert.Equal(RunOnce(), RunOnce());
    }

    [Fact]
    public void Fit_WithLabels_LowersTheLoss()
    {
        var network = new ReluCrossEntropy(seed: 3);
        float[] inputs = NetworkNumericsTests.RandomValues(60 * 4, seed: 4, scale: 1f);
        int[] labels = new int[60];
        for (int i = 0; i < 60; i++)
        {
            labels[i] = inputs[i * 4] > 0.3f ? 2 : inputs[i * 4 + 1] > 0f ? 1 : 0; // a learnable rule
        }

        float[] losses = Trainer.Fit(network, new Sgd(0.2f, momentum: 0.9f), inputs, labels, epochs: 60, batchSize: 8, seed: 1);
        Assert.True(losses[^1] < 0.5f * losses[0], $"loss went from {losses[0]} to {losses[^1]}");
    }

    [Fact]
    public void Fit_NonFiniteLoss_StopsBeforeTheUpdateAndNamesEpochAndBatch()
    {
        var network = new XorNetwork(seed: 1);
        float[] before = network.Parameters.ToArray();
        float[] inputs = [0, 0, 0, 1, 1, 0, float.NaN, 1];
        var e = Assert.Throws<InvalidOperationException>(() =>
            Trainer.Fit(network, new Sgd(0.1f), inputs, XorTargets, epochs: 3, batchSize: 4));
        Assert.Contains("epoch 1, batch 1", e.Message);
        Assert.Equal(before, network.Parameters.ToArray());
    }

    [Fact]
    public void Fit_MismatchedTargets_AreRejected()
    {
        var network = new XorNetwork(seed: 1);
        var e = Assert.Throws<ArgumentException>(() => Trainer.Fit(network, new Sgd(0.1f), XorInputs, new float[3], 1, 2));
        Assert.Equal("targets", e.ParamName);
        Assert.Throws<ArgumentException>(() => Trainer.Fit(network, new Sgd(0.1f), new float[3], XorTargets, 1, 2));
    }
}
