using System;
using NetGen.Optimizers;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>After warm-up, inference and training steps allocate nothing.</summary>
public class AllocationTests
{
    [Fact]
    public void Forward_SingleAndBatched_AllocateNothingAfterWarmUp()
    {
        var network = new MnistMlp(seed: 1);
        float[] inputs = NetworkNumericsTests.RandomValues(32 * MnistMlp.InputSize, seed: 1, scale: 1f);
        float[] outputs = new float[32 * MnistMlp.OutputSize];
        network.Forward(inputs, outputs); // warm-up: sizes the workspace for 32 samples

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            network.Forward(inputs, outputs);
            network.Forward(inputs.AsSpan(0, MnistMlp.InputSize), outputs.AsSpan(0, MnistMlp.OutputSize));
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TrainingStep_AllocatesNothingAfterWarmUp()
    {
        var network = new MnistMlp(seed: 1);
        var sgd = new Sgd(0.01f, momentum: 0.9f, nesterov: true, weightDecay: 1e-4f);
        float[] inputs = NetworkNumericsTests.RandomValues(16 * MnistMlp.InputSize, seed: 2, scale: 1f);
        int[] labels = new int[16];
        float[] targets = new float[16 * MnistMlp.OutputSize];
        for (int i = 0; i < 16; i++)
        {
            labels[i] = i % 10;
            targets[i * 10 + labels[i]] = 1f;
        }

        void Steps(int count)
        {
            for (int i = 0; i < count; i++)
            {
                network.ComputeGradients(inputs, labels);
                sgd.Step(network.Parameters, network.Gradients);
                network.ComputeGradients(inputs, targets);
                network.ComputeGradients(inputs.AsSpan(0, 4 * MnistMlp.InputSize), labels.AsSpan(0, 4));
            }
        }

        Steps(1); // warm-up: workspace, momentum buffer, every path once

        long before = GC.GetAllocatedBytesForCurrentThread();
        Steps(5);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
