using System;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

/// <summary>Bad buffers give clear errors naming the network and sizes, and change nothing.</summary>
public class ArgumentTests
{
    [Fact]
    public void Forward_PartialSample_NamesTheSizes()
    {
        var network = new MnistMlp(seed: 1);
        ArgumentException e = Assert.Throws<ArgumentException>(() => network.Forward(new float[785], new float[10]));
        Assert.Equal("inputs", e.ParamName);
        Assert.Contains("785", e.Message);
        Assert.Contains("784", e.Message);
        Assert.Contains("MnistMlp", e.Message);
    }

    [Fact]
    public void Forward_OutputsOfAnotherBatchSize_NamesTheSizes()
    {
        var network = new MnistMlp(seed: 1);
        ArgumentException e = Assert.Throws<ArgumentException>(() => network.Forward(new float[2 * 784], new float[10]));
        Assert.Equal("outputs", e.ParamName);
        Assert.Contains("20", e.Message);
    }

    [Fact]
    public void Forward_EmptyInputs_AreRejected()
    {
        var network = new MnistMlp(seed: 1);
        Assert.Equal("inputs", Assert.Throws<ArgumentException>(() => network.Forward([], [])).ParamName);
    }

    [Fact]
    public void ComputeGradients_LabelOutOfRange_LeavesGradientsUntouched()
    {
        var network = new ReluCrossEntropy(seed: 1);
        float[] inputs = NetworkNumericsTests.RandomValues(2 * 4, seed: 1, scale: 1f);
        network.ComputeGradients(inputs, stackalloc int[] { 0, 1 });
        float[] before = network.Gradients.ToArray();

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => network.ComputeGradients(inputs, new int[] { 1, 3 }));
        Assert.Contains("labels[1] is 3", e.Message);
        Assert.Equal(before, network.Gradients.ToArray());
    }

    [Fact]
    public void ComputeGradients_LabelCountDiffersFromBatch()
    {
        var network = new ReluCrossEntropy(seed: 1);
        var e = Assert.Throws<ArgumentException>(() => network.ComputeGradients(new float[8], new int[3]));
        Assert.Equal("labels", e.ParamName);
    }

    [Fact]
    public void ComputeGradients_LabelsOnMseNetwork_IsNotSupported()
    {
        INetwork network = new SigmoidMse(seed: 1);
        var e = Assert.Throws<NotSupportedException>(() => network.ComputeGradients(new float[3], new int[1]));
        Assert.Contains("CrossEntropy", e.Message);
    }

    [Fact]
    public void Constructor_WrongParameterCount_NamesBothCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => new SigmoidMse(new float[5]));
        Assert.Contains("26", e.Message); // 3*4+4 + 4*2+2
        Assert.Contains("5", e.Message);
    }
}
