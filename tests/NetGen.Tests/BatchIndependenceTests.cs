using System;
using NetGen.Tests.Kernels;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// A sample's outputs do not depend on the batch it comes in: the kernels compute every row with the same block code
/// and the same summation order whether it sits in a block of 4 rows, in the rows left over, or alone. So a model
/// answers bit for bit the same in a batch, one image at a time, on one thread or two.
/// </summary>
[Collection(ThreadCountCollection.Name)] // sets Parallelism.MaxThreads
public class BatchIndependenceTests
{
    private static int AssertEachSampleAsAlone(INetwork network, int batch, int seed)
    {
        float[] inputs = NetworkNumericsTests.RandomValues(batch * network.InputSize, seed, scale: 1f);
        float[] together = new float[batch * network.OutputSize];
        network.Forward(inputs, together);
        float[] alone = new float[network.OutputSize];
        for (int b = 0; b < batch; b++)
        {
            network.Forward(inputs.AsSpan(b * network.InputSize, network.InputSize), alone);
            for (int o = 0; o < network.OutputSize; o++)
            {
                float expected = alone[o], actual = together[b * network.OutputSize + o];
                Assert.True(
                    BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
                    $"sample {b} of {batch}, output {o}: {actual} in the batch, {expected} alone");
            }
        }

        return batch;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void MnistMlp_BatchOf37_EachSampleAsAlone(int threads) =>
        ParallelKernelTests.WithThreads(threads, () => AssertEachSampleAsAlone(new MnistMlp(seed: 4), 37, seed: 21));

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LeNet5_BatchOf21_EachSampleAsAlone(int threads) =>
        ParallelKernelTests.WithThreads(threads, () => AssertEachSampleAsAlone(new LeNet5(seed: 4), 21, seed: 22));
}
