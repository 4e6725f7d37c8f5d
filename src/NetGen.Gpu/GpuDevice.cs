using System;
using System.Collections.Generic;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace NetGen.Gpu;

/// <summary>
/// An ILGPU context and one accelerator chosen from it. <see cref="Create(GpuAcceleratorKind)"/> tries CUDA, then
/// OpenCL, then ILGPU's CPU accelerator; the environment variable <c>NETGEN_ACCELERATOR</c>
/// (<c>cuda</c>, <c>opencl</c>, <c>cpu</c> or <c>auto</c>) overrides an <see cref="GpuAcceleratorKind.Auto"/> request.
/// </summary>
public sealed class GpuDevice : IDisposable
{
    /// <summary>The environment variable that overrides the accelerator chosen by <see cref="GpuAcceleratorKind.Auto"/>.</summary>
    public const string EnvironmentVariable = "NETGEN_ACCELERATOR";

    private GpuDevice(Context context, Accelerator accelerator, GpuAcceleratorKind kind)
    {
        Context = context;
        Accelerator = accelerator;
        Kind = kind;
    }

    /// <summary>The ILGPU context that owns <see cref="Accelerator"/>.</summary>
    public Context Context { get; }

    /// <summary>The accelerator the networks and datasets run on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The kind that was opened (never <see cref="GpuAcceleratorKind.Auto"/>).</summary>
    public GpuAcceleratorKind Kind { get; }

    /// <summary>A one-line description: the kind, the device's name and its memory.</summary>
    public string Description => Kind == GpuAcceleratorKind.Cpu
        ? $"{Kind} ({Accelerator.Name}, {Accelerator.NumMultiprocessors} multiprocessors, {Accelerator.MaxNumThreadsPerGroup} threads per group)"
        : $"{Kind} ({Accelerator.Name}, {Accelerator.MemorySize / (1024.0 * 1024 * 1024):0.#} GiB, " +
          $"{Accelerator.MaxNumThreadsPerGroup} threads per group)";

    /// <summary>
    /// Opens an accelerator of <paramref name="kind"/>; with <see cref="GpuAcceleratorKind.Auto"/> the value of
    /// <c>NETGEN_ACCELERATOR</c> decides if set, else the first of CUDA, OpenCL and CPU that opens.
    /// </summary>
    /// <exception cref="GpuUnavailableException">No accelerator of the kind could be opened; the message says what was tried.</exception>
    public static GpuDevice Create(GpuAcceleratorKind kind = GpuAcceleratorKind.Auto)
    {
        if (kind == GpuAcceleratorKind.Auto)
        {
            kind = FromEnvironment(Environment.GetEnvironmentVariable(EnvironmentVariable));
        }

        GpuAcceleratorKind[] order = kind == GpuAcceleratorKind.Auto
            ? [GpuAcceleratorKind.Cuda, GpuAcceleratorKind.OpenCL, GpuAcceleratorKind.Cpu]
            : [kind];
        var failures = new List<string>();
        Exception? last = null;
        foreach (GpuAcceleratorKind candidate in order)
        {
            Context? context = null;
            try
            {
                context = CreateContext(candidate);
                Accelerator? accelerator = Open(context, candidate, out string? why);
                if (accelerator is not null)
                {
                    return new GpuDevice(context, accelerator, candidate);
                }

                failures.Add($"{candidate}: {why}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                failures.Add($"{candidate}: {e.GetType().Name}: {e.Message}");
                last = e;
            }

            context?.Dispose();
        }

        throw new GpuUnavailableException(
            $"No usable accelerator{(kind == GpuAcceleratorKind.Auto ? "" : $" of kind {kind}")}; tried " +
            string.Join("; ", failures) + ".", last);
    }

    /// <summary>Parses the value of <c>NETGEN_ACCELERATOR</c>: null or empty is <see cref="GpuAcceleratorKind.Auto"/>.</summary>
    /// <exception cref="ArgumentException">The value is none of <c>auto</c>, <c>cuda</c>, <c>opencl</c>, <c>cpu</c>.</exception>
    public static GpuAcceleratorKind FromEnvironment(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => GpuAcceleratorKind.Auto,
        "cuda" => GpuAcceleratorKind.Cuda,
        "opencl" or "cl" => GpuAcceleratorKind.OpenCL,
        "cpu" => GpuAcceleratorKind.Cpu,
        _ => throw new ArgumentException(
            $"{EnvironmentVariable}='{value}' is not one of auto, cuda, opencl, cpu.", nameof(value)),
    };

    /// <summary>Releases the accelerator and the context.</summary>
    public void Dispose()
    {
        Accelerator.Dispose();
        Context.Dispose();
    }

    private static Context CreateContext(GpuAcceleratorKind kind) => Context.Create(builder =>
    {
        builder.EnableAlgorithms();
        switch (kind)
        {
            case GpuAcceleratorKind.Cuda:
                builder.Cuda();
                break;
            case GpuAcceleratorKind.OpenCL:
                builder.OpenCL();
                break;
            default:
                // Groups of 256 threads, as the kernels use; one multiprocessor per core, at most four.
                builder.CPU(new CPUDevice(4, 64, Math.Clamp(Environment.ProcessorCount, 1, 4)));
                break;
        }
    });

    private static Accelerator? Open(Context context, GpuAcceleratorKind kind, out string? why)
    {
        why = null;
        switch (kind)
        {
            case GpuAcceleratorKind.Cuda:
                if (context.GetCudaDevices().Count == 0)
                {
                    why = "no CUDA device (no NVIDIA driver, or no GPU it can use)";
                    return null;
                }

                return context.CreateCudaAccelerator(0);
            case GpuAcceleratorKind.OpenCL:
                if (context.GetCLDevices().Count == 0)
                {
                    why = "no OpenCL 2.0 device that ILGPU supports";
                    return null;
                }

                return context.CreateCLAccelerator(0);
            default:
                return context.CreateCPUAccelerator(0);
        }
    }
}
