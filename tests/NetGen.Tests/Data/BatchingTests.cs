using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Data;
using Xunit;

namespace NetGen.Tests.Data;

public class BatchingTests
{
    /// <summary>Sample i has features (i, -i) and label i mod 3, so a batch tells which samples it holds.</summary>
    private static Dataset Numbered(int count)
    {
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = i;
            features[2 * i + 1] = -i;
            labels[i] = i % 3;
        }

        return Dataset.WithLabels(features, 2, labels, 3, "numbered");
    }

    private static List<List<int>> Epochs(MiniBatches batches, int epochs)
    {
        var result = new List<List<int>>();
        for (int e = 0; e < epochs; e++)
        {
            var order = new List<int>();
            batches.NextEpoch();
            while (batches.MoveNext())
            {
                ReadOnlySpan<float> inputs = batches.Inputs;
                for (int k = 0; k < batches.Count; k++)
                {
                    int sample = (int)inputs[2 * k];
                    Assert.Equal(-sample, inputs[2 * k + 1]);
                    Assert.Equal(sample % 3, batches.Labels[k]);
                    order.Add(sample);
                }
            }

            result.Add(order);
        }

        return result;
    }

    [Fact]
    public void MiniBatches_VisitEverySampleOncePerEpoch()
    {
        Dataset data = Numbered(23);
        var batches = new MiniBatches(data, batchSize: 5, seed: 7);
        Assert.Equal(5, batches.BatchesPerEpoch);
        foreach (List<int> epoch in Epochs(batches, 3))
        {
            Assert.Equal(Enumerable.Range(0, 23), epoch.Order());
        }

        batches.NextEpoch();
        var sizes = new List<int>();
        while (batches.MoveNext())
        {
            sizes.Add(batches.Count);
        }

        Assert.Equal(new[] { 5, 5, 5, 5, 3 }, sizes);
    }

    [Fact]
    public void MiniBatches_AreDeterministicForASeed()
    {
        Dataset data = Numbered(40);
        List<List<int>> a = Epochs(new MiniBatches(data, 8, seed: 11), 3);
        List<List<int>> b = Epochs(new MiniBatches(data, 8, seed: 11), 3);
        List<List<int>> c = Epochs(new MiniBatches(data, 8, seed: 12), 3);
        for (int e = 0; e < 3; e++)
        {
            Assert.Equal(a[e], b[e]);
            Assert.NotEqual(a[e], c[e]);
        }

        Assert.NotEqual(a[0], a[1]); // reshuffled each epoch
        Assert.Equal(Enumerable.Range(0, 40), Epochs(new MiniBatches(data, 8, seed: 11, shuffle: false), 1)[0]);
    }

    [Fact]
    public void Split_SizesAreRight_AndThePartsAreDisjoint()
    {
        Dataset data = Numbered(150);
        (Dataset train, Dataset validation) = data.Split(0.3, seed: 3);
        Assert.Equal(105, train.Count);
        Assert.Equal(45, validation.Count);

        int[] trainIds = Ids(train), validationIds = Ids(validation);
        Assert.Empty(trainIds.Intersect(validationIds));
        Assert.Equal(Enumerable.Range(0, 150), trainIds.Concat(validationIds).Order());
        Assert.Equal(trainIds, Ids(data.Split(0.3, seed: 3).Train));
        Assert.NotEqual(trainIds, Ids(data.Split(0.3, seed: 4).Train));

        (Dataset one, Dataset rest) = Numbered(3).Split(0.01, seed: 1);
        Assert.Equal((2, 1), (one.Count, rest.Count)); // at least one validation sample
    }

    private static int[] Ids(Dataset data)
    {
        var ids = new int[data.Count];
        for (int i = 0; i < data.Count; i++)
        {
            ids[i] = (int)data.Sample(i)[0];
            Assert.Equal(ids[i] % 3, data.Labels![i]);
        }

        return ids;
    }
}
