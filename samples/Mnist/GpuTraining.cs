using System;
using System.Diagnostics;
using System.Globalization;
using ILGPU.Runtime;
using NetGen.Data;
using NetGen.Gpu;
using NetGen.Optimizers;
using NetGen.Samples;
using NetGen.Training;

namespace MnistSample;

/// <summary>
/// <c>--gpu</c>: trains the same MLP with NetGen.Gpu on the best accelerator present (CUDA, then OpenCL, then ILGPU's
/// CPU accelerator; <c>NETGEN_ACCELERATOR</c> overrides), the training set resident on the device.
/// </summary>
internal static class GpuTraining
{
    /// <summary>Training images used on the CPU accelerator unless <c>--data</c> is given: it is slow.</summary>
    private const int CpuAcceleratorImages = 2000;

    public static int Run(SampleArguments arguments)
    {
        using GpuDevice device = GpuDevice.Create();
        Console.WriteLine($"accelerator: {device.Description}");
        Dataset train = NetGen.Data.Mnist.Load(arguments.DataDirectory, train: true);
        Dataset test = NetGen.Data.Mnist.Load(arguments.DataDirectory, train: false);
        if (device.Kind == GpuAcceleratorKind.Cpu && !arguments.DataGiven && train.Count > CpuAcceleratorImages)
        {
            Console.WriteLine(
                $"ILGPU's CPU accelerator is slow: training on the first {CpuAcceleratorImages} of {train.Count} images " +
                "(pass --data DIR to use them all)");
            train = train.Take(CpuAcceleratorImages);
        }

        var network = new MnistMlp(seed: 42);
        const int batchSize = 64;
        int epochs = arguments.Epochs ?? (device.Kind == GpuAcceleratorKind.Cpu ? 3 : 8);
        using var gpu = new MnistMlp.Gpu(device.Accelerator, network, maxBatch: 256) { ShuffleSeed = 1 };
        using var data = GpuDataset.Create(device.Accelerator, train);
        using var optimizer = new GpuOptimizer(device.Accelerator, new Sgd(learningRate: 0.05f, momentum: 0.9f), MnistMlp.ParameterCount);
        Console.WriteLine($"MNIST on the device: {train.Count} training images, {epochs} epochs of batches of {batchSize}, {gpu.Shape} kernels");
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            float loss = gpu.TrainEpoch(data, batchSize, optimizer);
            device.Accelerator.Synchronize();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch}/{epochs}: loss {loss:F4}, {train.Count / clock.Elapsed.TotalSeconds:F0} samples/s"));
        }

        gpu.CopyParametersTo(network);
        Evaluation result = Trainer.Evaluate(network, test);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"test accuracy: {100 * result.Accuracy:F2} % (loss {result.Loss:F4}) on {test.Count} images"));

        // The device's own forward pass agrees with the CPU network's on the test images.
        float[] outputs = new float[256 * MnistMlp.OutputSize];
        float[] expected = new float[256 * MnistMlp.OutputSize];
        int count = Math.Min(256, test.Count);
        gpu.Forward(test.Features.AsSpan(0, count * MnistMlp.InputSize), outputs.AsSpan(0, count * MnistMlp.OutputSize));
        network.Forward(test.Features.AsSpan(0, count * MnistMlp.InputSize), expected.AsSpan(0, count * MnistMlp.OutputSize));
        float worst = 0f;
        for (int i = 0; i < count * MnistMlp.OutputSize; i++)
        {
            worst = MathF.Max(worst, MathF.Abs(outputs[i] - expected[i]));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"device and CPU logits on {count} test images differ by at most {worst:G3}"));
        return worst < 1e-3f ? 0 : 1;
    }
}
