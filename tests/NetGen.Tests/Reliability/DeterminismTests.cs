using System;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Tests.Data;
using NetGen.Tests.Networks;
using NetGen.Training;
using Xunit;

namespace NetGen.Tests.Reliability;

/// <summary>
/// The same seed gives bit-identical weights after training, run twice in one process: initialisation, shuffling,
/// dropout masks and every kernel (convolutions included) are deterministic.
/// </summary>
public class DeterminismTests
{
    private static readonly Lazy<Dataset> MnistSubset = new(() =>
    {
        Dataset train = Mnist.Load(DataFiles.MnistDirectory, train: true);
        int[] first = new int[384];
        for (int i = 0; i < first.Length; i++)
        {
            first[i] = i;
        }

        return train.Subset(first, "mnist-384");
    });

    [Fact]
    public void LeNet5_OnAnMnistSubset_TrainsToBitIdenticalWeights()
    {
        int[] Train()
        {
            var network = new LeNet5(seed: 11);
            Trainer.Fit(network, new Adam(0.001f), MnistSubset.Value, new TrainingOptions { Epochs = 2, BatchSize = 32, Seed = 3 });
            return Bits(network.Parameters);
        }

        int[] first = Train();
        Assert.Equal(first, Train());
        Assert.NotEqual(Bits(new LeNet5(seed: 11).Parameters), first); // it did train
    }

    [Fact]
    public void CnnWithDropout_OnRandomData_TrainsToBitIdenticalWeights()
    {
        float[] features = ConcurrencyTests.RandomInputs(200 * ReliabilityCnn.InputSize, seed: 21);
        int[] labels = new int[200];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = (int)((features[i * ReliabilityCnn.InputSize] + 1f) * 1.49f);
        }

        Dataset data = Dataset.WithLabels(features, ReliabilityCnn.InputSize, labels, 3);
        int[] Train(int seed)
        {
            var network = new ReliabilityCnn(seed);
            Trainer.Fit(network, new Sgd(0.05f, momentum: 0.9f), data, new TrainingOptions { Epochs = 3, BatchSize = 16, Seed = seed });
            return Bits(network.Parameters);
        }

        Assert.Equal(Train(5), Train(5));
        Assert.NotEqual(Train(5), Train(6));
    }

    private static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }

        return bits;
    }
}
