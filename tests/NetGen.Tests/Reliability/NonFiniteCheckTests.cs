using System;
using NetGen.Optimizers;
using NetGen.Tests.Networks;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Reliability;

/// <summary>
/// <see cref="INetwork.NonFiniteCheck"/>: off by default; on, the first NaN or infinity of a pass is reported with
/// the network, the layer and whether it came from the inputs, the targets, the parameters, an overflowing layer or
/// the gradients.
/// </summary>
public class NonFiniteCheckTests
{
    private static readonly float[] Sample = ConcurrencyTests.RandomInputs(ReliabilityCnn.InputSize, seed: 9);

    [Fact]
    public void IsOffByDefault_AndNaNInputsThenFlowThrough()
    {
        var network = new ReliabilityCnn(seed: 1);
        Assert.False(network.NonFiniteCheck);
        float[] x = (float[])Sample.Clone();
        x[0] = float.NaN;
        float[] y = new float[ReliabilityCnn.OutputSize];
        network.Forward(x, y);
        Assert.True(float.IsNaN(y[0]));
    }

    [Fact]
    public void NaNInInputs_IsReportedAsInputs()
    {
        var network = new ReliabilityCnn(seed: 1) { NonFiniteCheck = true };
        float[] x = (float[])Sample.Clone();
        x[17] = float.NaN;

        var e = Assert.Throws<NonFiniteException>(() => network.Forward(x, new float[ReliabilityCnn.OutputSize]));
        Assert.Equal(NonFiniteSource.Inputs, e.FoundIn);
        Assert.Equal(17, e.Index);
        Assert.Equal(0, e.LayerIndex);
        Assert.Equal(LayerKind.Conv2D, e.LayerKind);
        Assert.Equal("NetGen.Tests.Reliability.ReliabilityCnn", e.NetworkName);
        Assert.Contains("NetGen.Tests.Reliability.ReliabilityCnn: the inputs hold NaN at element 17", e.Message);
    }

    [Fact]
    public void InfinityInALayersParameters_IsReportedAsParametersOfThatLayer()
    {
        var network = new ReliabilityCnn(seed: 1) { NonFiniteCheck = true };
        int layer3 = network.ParameterTensors[2].Offset; // the weight of layer 3, the first Dense
        network.Parameters[layer3 + 5] = float.PositiveInfinity;

        var e = Assert.Throws<NonFiniteException>(() => network.Forward(Sample, new float[ReliabilityCnn.OutputSize]));
        Assert.Equal(NonFiniteSource.Parameters, e.FoundIn);
        Assert.Equal(3, e.LayerIndex);
        Assert.Equal(LayerKind.Dense, e.LayerKind);
        Assert.Equal(5, e.Index);
        Assert.Contains("the parameters of layer 3 (Dense) hold Infinity at element 5", e.Message);
    }

    [Fact]
    public void OverflowFromFiniteValues_IsReportedAsOutputsOfTheLayer()
    {
        // Weights of 1e38: layer 0's sums overflow but its sigmoid saturates at 1; layer 1 (identity) adds four 1e38s
        // and a bias of 1e38, past float's largest value.
        var network = new SigmoidMse(seed: 1) { NonFiniteCheck = true };
        network.Parameters.Fill(1e38f);
        var e = Assert.Throws<NonFiniteException>(() => network.Forward([1f, 1f, 1f], new float[2]));
        Assert.Equal(NonFiniteSource.Outputs, e.FoundIn);
        Assert.Equal(1, e.LayerIndex); // the sigmoid of layer 0 saturates at 1; layer 1 (identity) overflows
        Assert.Contains("from finite inputs and finite parameters", e.Message);
    }

    [Fact]
    public void NaNInTargets_IsReportedAsTargets()
    {
        var network = new SigmoidMse(seed: 1) { NonFiniteCheck = true };
        var e = Assert.Throws<NonFiniteException>(() => network.ComputeGradients([1f, 2f, 3f], [0f, float.NaN]));
        Assert.Equal(NonFiniteSource.Targets, e.FoundIn);
        Assert.Equal(1, e.Index);
    }

    [Fact]
    public void OverflowingGradients_AreReportedAsGradientsOfTheLayer()
    {
        // Finite outputs, but an MSE against targets of 3e38 doubles past the float range in dL/dy.
        var network = new SigmoidMse(seed: 1) { NonFiniteCheck = true };
        var e = Assert.Throws<NonFiniteException>(() => network.ComputeGradients([1f, 2f, 3f], [3e38f, -3e38f]));
        Assert.Equal(NonFiniteSource.Gradients, e.FoundIn);
        Assert.Equal(LayerKind.Dense, e.LayerKind);
    }

    [Fact]
    public void ComputeGradientsWithLabels_ChecksTheForwardPass()
    {
        var network = new ReliabilityCnn(seed: 2) { NonFiniteCheck = true };
        network.Parameters[0] = float.NaN; // layer 0's first weight
        var e = Assert.Throws<NonFiniteException>(() => network.ComputeGradients(Sample, [1]));
        Assert.Equal(NonFiniteSource.Parameters, e.FoundIn);
        Assert.Equal(0, e.LayerIndex);
        Assert.Equal(0, e.Index);
    }

    [Fact]
    public void Predictor_TakesTheSettingOfItsNetwork_AndChecksToo()
    {
        var network = new ReliabilityCnn(seed: 1) { NonFiniteCheck = true };
        INetworkPredictor predictor = network.CreatePredictor();
        Assert.True(predictor.NonFiniteCheck);
        float[] x = (float[])Sample.Clone();
        x[2] = float.NegativeInfinity;
        Assert.Equal(NonFiniteSource.Inputs, Assert.Throws<NonFiniteException>(() => predictor.Forward(x, new float[ReliabilityCnn.OutputSize])).FoundIn);
        predictor.NonFiniteCheck = false;
        predictor.Forward(x, new float[ReliabilityCnn.OutputSize]);
    }

    [Fact]
    public void CheckedNetwork_GivesBitIdenticalResultsAndAllocatesNothing()
    {
        var plain = new ReliabilityCnn(seed: 4);
        var checkedNetwork = new ReliabilityCnn(seed: 4) { NonFiniteCheck = true };
        float[] x = ConcurrencyTests.RandomInputs(4 * ReliabilityCnn.InputSize, seed: 1);
        int[] labels = [0, 1, 2, 1];
        float[] a = new float[4 * ReliabilityCnn.OutputSize], b = new float[a.Length];
        plain.Forward(x, a);
        checkedNetwork.Forward(x, b);
        Assert.Equal(a, b);
        Assert.Equal(plain.ComputeGradients(x, labels), checkedNetwork.ComputeGradients(x, labels));
        Assert.Equal(plain.Gradients.ToArray(), checkedNetwork.Gradients.ToArray());

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            checkedNetwork.Forward(x, b);
            checkedNetwork.ComputeGradients(x, labels);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Training_StopsOnANonFiniteLossInALaterEpoch_KeepingTheLastFiniteWeights()
    {
        // Epoch 1 is finite; in epoch 2 the third batch's loss is NaN. Fit must stop before that batch's update, leaving
        // exactly the weights after the last finite step, which a second run stopped there by hand reproduces.
        float[] inputs = ConcurrencyTests.RandomInputs(12 * 3, seed: 3);
        float[] targets = ConcurrencyTests.RandomInputs(12 * 2, seed: 4);
        int poisoned = 0;
        var options = new TrainingOptions
        {
            Epochs = 3, BatchSize = 4, Shuffle = false,
            OnNonFiniteLoss = where => { poisoned++; return false; },
        };

        var network = new SigmoidMse(seed: 7);
        var data = NetGen.Data.Dataset.WithTargets(inputs, 3, targets, 2);
        var reference = new SigmoidMse(seed: 7);
        var referenceSgd = new Sgd(0.1f);
        for (int step = 0; step < 5; step++) // 3 batches of epoch 1, 2 of epoch 2
        {
            int b = step % 3;
            reference.ComputeGradients(inputs.AsSpan(b * 12, 12), targets.AsSpan(b * 8, 8));
            referenceSgd.Step(reference.Parameters, reference.Gradients);
        }

        var progress = new Progress(epoch: 2, batch: 2, () => network.Parameters[0] = float.NaN);
        options = options with { Progress = progress };
        var e = Assert.Throws<InvalidOperationException>(() => Trainer.Fit(network, new Sgd(0.1f), data, options));
        Assert.Contains("epoch 2, batch 3", e.Message);
        Assert.Equal(1, poisoned);

        // The NaN planted after batch 2 of epoch 2 is the only difference from the reference.
        float[] kept = network.Parameters.ToArray();
        Assert.True(float.IsNaN(kept[0]));
        kept[0] = reference.Parameters[0];
        Assert.Equal(reference.Parameters.ToArray(), kept);
    }

    /// <summary>Runs an action when training reports a given batch (synchronously, unlike <see cref="System.Progress{T}"/>).</summary>
    private sealed class Progress(int epoch, int batch, Action action) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value)
        {
            if (value.Epoch == epoch && value.Batch == batch && value.EpochCompleted is null)
            {
                action();
            }
        }
    }
}
