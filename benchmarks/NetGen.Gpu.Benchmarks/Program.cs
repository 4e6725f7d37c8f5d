using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using NetGen.Data;
using NetGen.Gpu;
using NetGen.Gpu.Benchmarks;
using NetGen.Optimizers;

// Training throughput of the generated GPU kernels: the MNIST MLP and LeNet-5, one SGD step (momentum 0.9) per
// batch, on a synthetic MNIST-shaped dataset resident on the device. Prints one line per case:
// "gpu-benchmark: <model> batch <b>: <samples/s> samples/s (<ms> ms per epoch of <n>)".
// Options: --quick (a few small batches, for a CPU-only machine), --samples N, --epochs N, --shape tiled|direct.
// NETGEN_ACCELERATOR=cuda|opencl|cpu picks the accelerator (default: the best present).
bool quick = false;
int? samples = null, epochs = null;
GpuKernelShape shape = GpuKernelShape.Auto;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--quick": quick = true; break;
        case "--samples": samples = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--epochs": epochs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--shape": shape = Enum.Parse<GpuKernelShape>(args[++i], ignoreCase: true); break;
        default:
            Console.Error.WriteLine($"Unknown option '{args[i]}'. Options: --quick, --samples N, --epochs N, --shape tiled|direct.");
            return 2;
    }
}

int[] batches = quick ? [32] : [256, 1024];
int count = samples ?? (quick ? 64 : 16384);
int timedEpochs = epochs ?? (quick ? 1 : 3);

using GpuDevice device = GpuDevice.Create();
Console.WriteLine($"accelerator: {device.Description}");
Console.WriteLine($"{count} samples on the device, {timedEpochs} timed epoch(s) after one warm-up epoch{(quick ? " (--quick)" : "")}");
Dataset data = Synthetic(count);
using GpuDataset resident = GpuDataset.Create(device.Accelerator, data);

foreach (int batch in batches)
{
    var mlp = new Mlp(seed: 1);
    using (var gpu = new Mlp.Gpu(device.Accelerator, mlp, batch, shape))
    {
        Measure("MLP 784-128-10", gpu, resident, batch, timedEpochs, Mlp.ParameterCount, device);
    }

    var lenet = new LeNet5(seed: 1);
    using (var gpu = new LeNet5.Gpu(device.Accelerator, lenet, batch, shape))
    {
        Measure("LeNet-5", gpu, resident, batch, timedEpochs, LeNet5.ParameterCount, device);
    }
}

return 0;

static void Measure(string model, GpuNetwork gpu, GpuDataset data, int batch, int epochs, int parameters, GpuDevice device)
{
    using var optimizer = new GpuOptimizer(device.Accelerator, new Sgd(0.01f, momentum: 0.9f), parameters);
    float loss = gpu.TrainEpoch(data, batch, optimizer); // compiles the kernels
    var clock = Stopwatch.StartNew();
    for (int e = 0; e < epochs; e++)
    {
        loss = gpu.TrainEpoch(data, batch, optimizer);
    }

    device.Accelerator.Synchronize();
    double seconds = clock.Elapsed.TotalSeconds;
    if (!float.IsFinite(loss))
    {
        throw new InvalidOperationException($"{model} batch {batch}: the loss became {loss}.");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"gpu-benchmark: {model} batch {batch}, {gpu.Shape} kernels: {epochs * data.Count / seconds:F0} samples/s " +
        $"({1000 * seconds / epochs:F1} ms per epoch of {data.Count}, loss {loss:F4})"));
}

// Pixels in [0, 1) and labels from a fixed generator: throughput does not depend on the values.
static Dataset Synthetic(int count)
{
    var random = new NetGen.SeededRandom(7);
    float[] pixels = new float[count * 784];
    int[] labels = new int[count];
    for (int i = 0; i < pixels.Length; i++)
    {
        pixels[i] = random.NextSingle();
    }

    for (int i = 0; i < count; i++)
    {
        labels[i] = random.NextInt32(10);
    }

    return Dataset.WithLabels(pixels, 784, labels, 10, "synthetic MNIST");
}
