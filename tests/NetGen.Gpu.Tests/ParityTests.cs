using System;
using NetGen.Optimizers;
using Xunit;

namespace NetGen.Gpu.Tests;

/// <summary>
/// The generated GPU kernels on the shared accelerator (ILGPU's CPU accelerator unless <c>NETGEN_ACCELERATOR</c> names
/// another) against the generated CPU code: forward outputs, the loss, every
/// gradient, and parameters after optimizer steps. Float sums run in another order on the device (tiles, trees), so
/// values agree to a few ulps scaled by the sums' sizes: 1e-5 absolute plus 1e-4 relative.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class ParityTests(AcceleratorFixture fixture)
{
    private const float Absolute = 1e-5f;
    private const float Relative = 1e-4f;

    public static TheoryData<GpuKernelShape> Shapes => new() { GpuKernelShape.Tiled, GpuKernelShape.Direct };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MlpForwardAndGradientsMatchTheCpu(GpuKernelShape shape)
    {
        var cpu = new SmallMlp(seed: 3);
        using var gpu = new SmallMlp.Gpu(fixture.Device.Accelerator, cpu, maxBatch: 20, shape);
        Assert.Equal(shape, gpu.Shape);
        CompareLabelled(cpu, gpu, batch: 19, seed: 1);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void CnnForwardAndGradientsMatchTheCpu(GpuKernelShape shape)
    {
        var cpu = new SmallCnn(seed: 5);
        using var gpu = new SmallCnn.Gpu(fixture.Device.Accelerator, cpu, maxBatch: 6, shape);
        CompareLabelled(cpu, gpu, batch: 5, seed: 2);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void RegressorWithSigmoidLeakyReluEluAndMseMatchesTheCpu(GpuKernelShape shape)
    {
        var cpu = new SmallRegressor(seed: 7);
        using var gpu = new SmallRegressor.Gpu(fixture.Device.Accelerator, cpu, maxBatch: 9, shape);
        const int batch = 9;
        float[] inputs = TestData.Uniform(batch * SmallRegressor.InputSize, seed: 4, scale: 2f);
        float[] targets = TestData.Uniform(batch * SmallRegressor.OutputSize, seed: 5);
        CompareForward(cpu, gpu, inputs);
        float cpuLoss = cpu.ComputeGradients(inputs, targets);
        float gpuLoss = gpu.ComputeGradients(inputs, targets);
        Assert.Equal(cpuLoss, gpuLoss, 1e-5f);
        CompareGradients(cpu, gpu);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PReluWithOneSlopeAndSlopesPerUnitAndChannelMatchesTheCpu(GpuKernelShape shape)
    {
        var shared = new PReluMlp(seed: 2);
        using (var gpu = new PReluMlp.Gpu(fixture.Device.Accelerator, shared, maxBatch: 7, shape))
        {
            CompareLabelled(shared, gpu, batch: 7, seed: 12);
        }

        var perUnit = new PReluNet(seed: 4);
        using (var gpu = new PReluNet.Gpu(fixture.Device.Accelerator, perUnit, maxBatch: 5, shape))
        {
            CompareLabelled(perUnit, gpu, batch: 5, seed: 13);
        }
    }

    [Fact]
    public void LeNet5GradientsMatchTheCpuOnTwoImages()
    {
        // The direct kernels only: the tiled ones take minutes for LeNet-5 on the CPU accelerator (SmallCnn covers them).
        var cpu = new GpuLeNet5(seed: 11);
        using var gpu = new GpuLeNet5.Gpu(fixture.Device.Accelerator, cpu, maxBatch: 2, GpuKernelShape.Direct);
        CompareLabelled(cpu, gpu, batch: 2, seed: 3);
    }

    [Fact]
    public void DropoutIsTheIdentityAtInference()
    {
        var cpu = new DropoutMlp(seed: 1);
        using var gpu = new DropoutMlp.Gpu(fixture.Device.Accelerator, cpu, maxBatch: 4);
        CompareForward(cpu, gpu, TestData.Uniform(4 * DropoutMlp.InputSize, seed: 6));
    }

    public static TheoryData<string> Optimizers => new() { "sgd", "sgd-momentum", "sgd-nesterov", "sgd-dampening", "adam", "adam-amsgrad", "adamw" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void OptimizerStepsMatchTheCpu(string name)
    {
        var cpu = new SmallMlp(seed: 9);
        using var gpu = new SmallMlp.Gpu(fixture.Device.Accelerator, cpu, maxBatch: 8, GpuKernelShape.Direct);
        IOptimizer cpuRule = Create(name);
        using var gpuOptimizer = new GpuOptimizer(fixture.Device.Accelerator, Create(name), SmallMlp.ParameterCount);
        for (int step = 0; step < 4; step++)
        {
            float[] inputs = TestData.Uniform(8 * SmallMlp.InputSize, seed: 100 + step);
            int[] labels = TestData.Labels(8, SmallMlp.OutputSize, seed: 200 + step);
            cpu.ComputeGradients(inputs, labels);
            cpuRule.Step(cpu.Parameters, cpu.Gradients);
            gpu.ComputeGradients(inputs, labels);
            gpuOptimizer.Step(gpu.Parameters, gpu.Gradients);
        }

        float[] parameters = new float[SmallMlp.ParameterCount];
        gpu.CopyParametersTo(parameters);
        TestData.Close(cpu.Parameters, parameters, Absolute, Relative, name + " parameters");
        Assert.Equal(4, gpuOptimizer.StepCount);
    }

    private static IOptimizer Create(string name) => name switch
    {
        "sgd" => new Sgd(0.1f, weightDecay: 0.01f),
        "sgd-momentum" => new Sgd(0.1f, momentum: 0.9f),
        "sgd-nesterov" => new Sgd(0.05f, momentum: 0.8f, weightDecay: 0.001f, nesterov: true),
        "sgd-dampening" => new Sgd(0.05f, momentum: 0.7f, dampening: 0.3f),
        "adam" => new Adam(0.01f, weightDecay: 0.001f),
        "adam-amsgrad" => new Adam(0.01f, amsGrad: true),
        "adamw" => new AdamW(0.01f, weightDecay: 0.1f),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static void CompareLabelled(INetwork cpu, GpuNetwork gpu, int batch, int seed)
    {
        float[] inputs = TestData.Uniform(batch * cpu.InputSize, seed);
        int[] labels = TestData.Labels(batch, cpu.OutputSize, seed + 1000);
        CompareForward(cpu, gpu, inputs);
        float cpuLoss = cpu.ComputeGradients(inputs, labels);
        float gpuLoss = gpu.ComputeGradients(inputs, labels);
        Assert.Equal(cpuLoss, gpuLoss, 1e-5f);
        CompareGradients(cpu, gpu);
    }

    private static void CompareForward(INetwork cpu, GpuNetwork gpu, float[] inputs)
    {
        int batch = inputs.Length / cpu.InputSize;
        float[] expected = new float[batch * cpu.OutputSize];
        float[] actual = new float[batch * cpu.OutputSize];
        cpu.Forward(inputs, expected);
        gpu.Forward(inputs, actual);
        TestData.Close(expected, actual, Absolute, Relative, "outputs");
    }

    private static void CompareGradients(INetwork cpu, GpuNetwork gpu)
    {
        float[] gradients = new float[cpu.ParameterCount];
        gpu.CopyGradientsTo(gradients);
        TestData.Close(cpu.Gradients, gradients, Absolute, Relative, "gradients");
        float norm = 0f;
        foreach (float g in gradients)
        {
            norm += g * g;
        }

        Assert.True(norm > 1e-8f, "the gradients are all zero: the comparison would prove nothing");
    }
}
