using System.Collections.Generic;
using System.Reflection;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using NetGen.Gpu.Kernels;
using Xunit;

namespace NetGen.Gpu.Tests;

/// <summary>
/// Every generated kernel of the MNIST MLP and LeNet-5, with the tiled (GPU) shape, compiles to PTX for sm_75 and to
/// OpenCL C, without any GPU: the backends run on the host.
/// </summary>
public sealed class CompilationTests
{
    public static TheoryData<string> Networks => new() { nameof(GpuMnistMlp), nameof(GpuLeNet5), nameof(SmallCnn), nameof(SmallRegressor), nameof(DropoutMlp), nameof(PReluNet) };

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryKernelCompilesToPtx(string network)
    {
        using var context = Context.Create(builder => builder.EnableAlgorithms());
        using var backend = new PTXBackend(
            context, new CudaCapabilityContext(CudaArchitecture.SM_75), CudaArchitecture.SM_75, CudaInstructionSet.ISA_75, null);
        IReadOnlyList<MethodInfo> kernels = KernelsOf(network);
        Assert.NotEmpty(kernels);
        foreach (MethodInfo kernel in kernels)
        {
            MethodInfo closed = kernel.MakeGenericMethod(typeof(TiledShape));
            var compiled = (PTXCompiledKernel)backend.Compile(
                EntryPointDescription.FromExplicitlyGroupedKernel(closed), KernelSpecialization.Empty);
            Assert.Contains(".visible .entry", compiled.PTXAssembly);
            Assert.Contains(".target sm_75", compiled.PTXAssembly);
            Assert.Contains(kernel.Name, compiled.PTXAssembly);
        }
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void EveryKernelCompilesToOpenClC(string network)
    {
        using var context = Context.Create(builder => builder.EnableAlgorithms());
        using var backend = new CLBackend(
            context, new CLCapabilityContext(false, false, false, false, false), CLDeviceVendor.Other, CLCVersion.CL20);
        foreach (MethodInfo kernel in KernelsOf(network))
        {
            MethodInfo closed = kernel.MakeGenericMethod(typeof(TiledShape));
            var compiled = (CLCompiledKernel)backend.Compile(
                EntryPointDescription.FromExplicitlyGroupedKernel(closed), KernelSpecialization.Empty);
            Assert.Contains("kernel void", compiled.Source);
        }
    }

    [Fact]
    public void TheKernelListNamesEveryLayerStep()
    {
        // 784-128-10: two forward GEMMs; layer 1: dW, db, dx; layer 0: ReLU backward, dW, db (no dx of the input).
        var names = new List<string>();
        foreach (MethodInfo kernel in GpuMnistMlp.Gpu.KernelMethods)
        {
            names.Add(kernel.Name);
        }

        Assert.Equal(
            new[]
            {
                "Layer0Forward", "Layer0ActivationBackward", "Layer0WeightGradient", "Layer0BiasGradient",
                "Layer1Forward", "Layer1WeightGradient", "Layer1BiasGradient", "Layer1InputGradient",
            },
            names);
    }

    private static IReadOnlyList<MethodInfo> KernelsOf(string network) => network switch
    {
        nameof(GpuMnistMlp) => GpuMnistMlp.Gpu.KernelMethods,
        nameof(GpuLeNet5) => GpuLeNet5.Gpu.KernelMethods,
        nameof(SmallCnn) => SmallCnn.Gpu.KernelMethods,
        nameof(DropoutMlp) => DropoutMlp.Gpu.KernelMethods,
        nameof(PReluNet) => PReluNet.Gpu.KernelMethods,
        _ => SmallRegressor.Gpu.KernelMethods,
    };
}
