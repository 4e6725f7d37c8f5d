using System;
using System.Reflection;
using ILGPU;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;
using NetGen.Gpu.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Gpu.Tests;

public class SpikeTests(ITestOutputHelper output)
{
    internal static void GemmKernel(ArrayView<float> a, ArrayView<float> b, ArrayView<float> bias, ArrayView<float> c, int m)
    {
        DeviceLayers.Gemm(new GpuReLU(), a, b, bias, c, m, 20, 37, false, true);
    }

    [Fact]
    public void Spike()
    {
        using var context = Context.Create(b => b.CPU(new CPUDevice(4, 64, 1)).Cuda().OpenCL().EnableAlgorithms());
        using var acc = context.CreateCPUAccelerator(0);
        output.WriteLine($"{acc.Name} maxgroup {acc.MaxNumThreadsPerGroup} warp {acc.WarpSize}");
        var k = acc.LoadStreamKernel<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int>(GemmKernel);
        var rnd = new Random(1);
        int m = 33, n = 20, kk = 37;
        float[] a = new float[m * kk], b = new float[n * kk], bias = new float[n];
        for (int i = 0; i < a.Length; i++) a[i] = rnd.NextSingle() - 0.5f;
        for (int i = 0; i < b.Length; i++) b[i] = rnd.NextSingle() - 0.5f;
        for (int i = 0; i < n; i++) bias[i] = rnd.NextSingle() - 0.5f;
        using var da = acc.Allocate1D(a); using var db = acc.Allocate1D(b); using var dbias = acc.Allocate1D(bias);
        using var dc = acc.Allocate1D<float>(m * n);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        k(GpuLaunch.Tiles(m, n), da.View, db.View, dbias.View, dc.View, m);
        acc.Synchronize();
        output.WriteLine($"run {sw.ElapsedMilliseconds} ms");
        float[] c = dc.GetAsArray1D();
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = bias[j];
                for (int q = 0; q < kk; q++) s += a[i * kk + q] * b[j * kk + q];
                Assert.Equal(Math.Max(0, s), c[i * n + j], 4);
            }

        var backend = new PTXBackend(context, new CudaCapabilityContext(CudaArchitecture.SM_75), CudaArchitecture.SM_75, CudaInstructionSet.ISA_75, null);
        MethodInfo mi = typeof(SpikeTests).GetMethod(nameof(GemmKernel), BindingFlags.NonPublic | BindingFlags.Static)!;
        var ck = (PTXCompiledKernel)backend.Compile(EntryPointDescription.FromExplicitlyGroupedKernel(mi), KernelSpecialization.Empty);
        output.WriteLine(ck.PTXAssembly.Substring(0, 600));
        Assert.Contains(".entry", ck.PTXAssembly);
    }
}
