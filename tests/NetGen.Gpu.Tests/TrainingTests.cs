using System;
using System.IO;
using ILGPU;
using ILGPU.Runtime;
using NetGen.Data;
using NetGen.Optimizers;
using NetGen.Training;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Gpu.Tests;

/// <summary>
/// The MNIST MLP trained on the shared accelerator against the same network trained by the CPU <see cref="Trainer"/>:
/// same initial weights, same SGD rule and the same shuffled order, so the epoch losses agree closely and the test
/// accuracies within a point.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class TrainingTests(AcceleratorFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void TheMnistMlpTrainsToTheCpuPathsAccuracy()
    {
        Dataset train = Mnist.Load(MnistDirectory, train: true).Take(1000);
        Dataset test = Mnist.Load(MnistDirectory, train: false).Take(500);
        const int epochs = 2, batchSize = 50, seed = 7;

        var cpu = new GpuMnistMlp(seed: 42);
        TrainingHistory history = Trainer.Fit(
            cpu, new Sgd(0.1f, momentum: 0.9f), train, new TrainingOptions { Epochs = epochs, BatchSize = batchSize, Seed = seed });
        float cpuAccuracy = Trainer.Evaluate(cpu, test).Accuracy!.Value;

        var trained = new GpuMnistMlp(seed: 42);
        using var gpu = new GpuMnistMlp.Gpu(fixture.Device.Accelerator, trained, maxBatch: batchSize) { ShuffleSeed = seed };
        using var data = GpuDataset.Create(fixture.Device.Accelerator, train);
        using var optimizer = new GpuOptimizer(fixture.Device.Accelerator, new Sgd(0.1f, momentum: 0.9f), GpuMnistMlp.ParameterCount);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            float loss = gpu.TrainEpoch(data, batchSize, optimizer);
            output.WriteLine($"epoch {epoch + 1}: CPU loss {history.Losses[epoch]:F5}, GPU loss {loss:F5}");
            Assert.Equal(history.Losses[epoch], loss, 0.005f * history.Losses[epoch]);
        }

        gpu.CopyParametersTo(trained);
        float gpuAccuracy = Trainer.Evaluate(trained, test).Accuracy!.Value;
        output.WriteLine($"test accuracy: CPU {cpuAccuracy:P1}, GPU {gpuAccuracy:P1}");
        Assert.True(cpuAccuracy > 0.8f, $"the CPU path reached only {cpuAccuracy:P1}");
        Assert.InRange(gpuAccuracy, cpuAccuracy - 0.01f, cpuAccuracy + 0.01f);
        Assert.Equal(epochs * (1000 / batchSize), optimizer.StepCount);
    }

    [Theory]
    [InlineData(GpuKernelShape.Tiled)]
    [InlineData(GpuKernelShape.Direct)]
    public void ARegressorTrainsOnDeviceTargetsAsOnTheCpu(GpuKernelShape shape)
    {
        // 45 samples in batches of 8: the last batch is partial. Targets go through the device gather of float rows.
        float[] features = TestData.Uniform(45 * SmallRegressor.InputSize, seed: 31);
        float[] targets = TestData.Uniform(45 * SmallRegressor.OutputSize, seed: 32, scale: 0.5f);
        Dataset data = Dataset.WithTargets(features, SmallRegressor.InputSize, targets, SmallRegressor.OutputSize, "regression");
        const int epochs = 2, batchSize = 8, seed = 5;

        var cpu = new SmallRegressor(seed: 13);
        TrainingHistory history = Trainer.Fit(
            cpu, new Adam(0.01f), data, new TrainingOptions { Epochs = epochs, BatchSize = batchSize, Seed = seed });

        var trained = new SmallRegressor(seed: 13);
        using var gpu = new SmallRegressor.Gpu(fixture.Device.Accelerator, trained, maxBatch: batchSize, shape) { ShuffleSeed = seed };
        using var resident = GpuDataset.Create(fixture.Device.Accelerator, data);
        using var optimizer = new GpuOptimizer(fixture.Device.Accelerator, new Adam(0.01f), SmallRegressor.ParameterCount);
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            float loss = gpu.TrainEpoch(resident, batchSize, optimizer);
            Assert.Equal(history.Losses[epoch], loss, 1e-4f + 1e-3f * history.Losses[epoch]);
        }

        float[] parameters = new float[SmallRegressor.ParameterCount];
        gpu.CopyParametersTo(parameters);
        TestData.Close(cpu.Parameters, parameters, 1e-4f, 1e-3f, "parameters after training");

        // The device-to-device forward pass on the resident features agrees with the CPU network's.
        using var outputs = fixture.Device.Accelerator.Allocate1D<float>(batchSize * SmallRegressor.OutputSize);
        gpu.Forward(resident.Features.SubView(0, batchSize * SmallRegressor.InputSize), batchSize, outputs.View);
        float[] actual = outputs.GetAsArray1D();
        float[] expected = new float[actual.Length];
        cpu.Forward(features.AsSpan(0, batchSize * SmallRegressor.InputSize), expected);
        TestData.Close(expected, actual, 1e-4f, 1e-3f, "device forward");
    }

    internal static string MnistDirectory
    {
        get
        {
            for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "NetGen.sln")))
                {
                    return Path.Combine(d.FullName, "data", "mnist");
                }
            }

            throw new DirectoryNotFoundException($"No NetGen.sln above '{AppContext.BaseDirectory}'.");
        }
    }
}
