using System;
using NetGen.Data;
using NetGen.Optimizers;
using Xunit;

namespace NetGen.Gpu.Tests;

/// <summary>Every misuse that the shared accelerator can provoke gives an exception naming what was wrong.</summary>
[Collection(AcceleratorCollection.Name)]
public sealed class ErrorTests(AcceleratorFixture fixture)
{
    [Fact]
    public void ABatchLargerThanReservedIsRefused()
    {
        using var gpu = new SmallMlp.Gpu(fixture.Device.Accelerator, new SmallMlp(seed: 1), maxBatch: 4);
        var e = Assert.Throws<ArgumentException>(() =>
            gpu.Forward(new float[5 * SmallMlp.InputSize], new float[5 * SmallMlp.OutputSize]));
        Assert.Contains("batch of 5", e.Message);
        Assert.Contains("4", e.Message);
        Assert.Throws<ArgumentException>(() => gpu.ComputeGradients(new float[5 * SmallMlp.InputSize], new int[5]));
    }

    [Fact]
    public void ParametersOfAnotherNetworkAreRefused()
    {
        using var gpu = new SmallMlp.Gpu(fixture.Device.Accelerator, new SmallMlp(seed: 1), maxBatch: 4);
        var other = new SmallRegressor(seed: 1);
        var e = Assert.Throws<ArgumentException>(() => gpu.CopyParametersFrom(other));
        Assert.Contains($"{SmallMlp.ParameterCount} parameters", e.Message);
        Assert.Contains($"{SmallRegressor.ParameterCount}", e.Message);
        Assert.Throws<ArgumentException>(() => gpu.CopyParametersTo(other));
    }

    [Fact]
    public void ADatasetWithTheWrongSampleSizeIsRefused()
    {
        using var gpu = new SmallMlp.Gpu(fixture.Device.Accelerator, new SmallMlp(seed: 1), maxBatch: 4);
        Dataset wrong = Dataset.WithLabels(new float[3 * 36], 36, new[] { 0, 1, 2 }, 5, "wrong");
        using var data = GpuDataset.Create(fixture.Device.Accelerator, wrong);
        using var sgd = new GpuOptimizer(fixture.Device.Accelerator, new Sgd(0.1f), SmallMlp.ParameterCount);
        var e = Assert.Throws<ArgumentException>(() => gpu.TrainEpoch(data, 2, sgd));
        Assert.Contains("wrong has 36 values per sample", e.Message);
        Assert.Contains("takes 37", e.Message);
    }

    [Fact]
    public void TargetsForACrossEntropyNetworkAndAForeignOptimizerAreRefused()
    {
        using var gpu = new SmallMlp.Gpu(fixture.Device.Accelerator, new SmallMlp(seed: 1), maxBatch: 4);
        Dataset targets = Dataset.WithTargets(new float[2 * 37], 37, new float[2 * 5], 5, "regression");
        using var data = GpuDataset.Create(fixture.Device.Accelerator, targets);
        using var sgd = new GpuOptimizer(fixture.Device.Accelerator, new Sgd(0.1f), SmallMlp.ParameterCount);
        Assert.Contains("float targets", Assert.Throws<ArgumentException>(() => gpu.TrainEpoch(data, 2, sgd)).Message);

        Dataset labels = Dataset.WithLabels(new float[2 * 37], 37, new[] { 0, 1 }, 5, "labels");
        using var labelled = GpuDataset.Create(fixture.Device.Accelerator, labels);
        using var foreign = new GpuOptimizer(fixture.Device.Accelerator, new Sgd(0.1f), SmallMlp.ParameterCount + 1);
        Assert.Contains("updates", Assert.Throws<ArgumentException>(() => gpu.TrainEpoch(labelled, 2, foreign)).Message);
    }

    [Fact]
    public void AnOptimizerWithoutAGpuRuleIsNotSupported()
    {
        var e = Assert.Throws<NotSupportedException>(() =>
            new GpuOptimizer(fixture.Device.Accelerator, new RmsProp(), SmallMlp.ParameterCount));
        Assert.Contains("RmsProp", e.Message);
    }

    [Fact]
    public void UnsupportedLayersFailAtConstructionNotWithWrongNumbers()
    {
        var e = Assert.Throws<NotSupportedException>(() => new SoftPlusMlp.Gpu(fixture.Device.Accelerator, new SoftPlusMlp(seed: 1), 4));
        Assert.Contains("Layer 0", e.Message);
        Assert.Contains("SoftPlus", e.Message);
        Assert.Empty(SoftPlusMlp.Gpu.KernelMethods);
    }

    [Fact]
    public void RunningOutOfDeviceMemoryNamesTheBufferAndItsSize()
    {
        // About 2^40 bytes of activations: more than this machine has.
        var e = Assert.Throws<GpuOutOfMemoryException>(() =>
            new GpuMnistMlp.Gpu(fixture.Device.Accelerator, new GpuMnistMlp(seed: 1), maxBatch: 2_000_000_000));
        Assert.Contains("GpuMnistMlp", e.Message);
        Assert.True(e.Bytes > 1L << 38, $"{e.Bytes} bytes");
    }

    [Theory]
    [InlineData("cuda", GpuAcceleratorKind.Cuda)]
    [InlineData("OpenCL", GpuAcceleratorKind.OpenCL)]
    [InlineData(" cpu ", GpuAcceleratorKind.Cpu)]
    [InlineData("", GpuAcceleratorKind.Auto)]
    [InlineData(null, GpuAcceleratorKind.Auto)]
    public void TheEnvironmentVariableIsParsed(string? value, GpuAcceleratorKind expected) =>
        Assert.Equal(expected, GpuDevice.FromEnvironment(value));

    [Fact]
    public void AnUnknownAcceleratorNameIsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => GpuDevice.FromEnvironment("tpu"));
        Assert.Contains("NETGEN_ACCELERATOR='tpu'", e.Message);
    }

    [Fact]
    public void AMissingAcceleratorSaysWhatWasTried()
    {
        // Without a CUDA device the failure names what was tried; with one, the device opened is a CUDA one.
        GpuDevice? device = null;
        try
        {
            device = GpuDevice.Create(GpuAcceleratorKind.Cuda);
            Assert.Equal(GpuAcceleratorKind.Cuda, device.Kind);
        }
        catch (GpuUnavailableException e)
        {
            Assert.Contains("Cuda", e.Message);
            Assert.Contains("tried", e.Message);
        }
        finally
        {
            device?.Dispose();
        }
    }
}
