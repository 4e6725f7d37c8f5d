namespace NetGen.Gpu;

/// <summary>Which ILGPU accelerator <see cref="GpuDevice.Create(GpuAcceleratorKind)"/> opens.</summary>
public enum GpuAcceleratorKind
{
    /// <summary>The best present: CUDA, then OpenCL, then ILGPU's CPU accelerator.</summary>
    Auto = 0,

    /// <summary>An NVIDIA GPU through CUDA.</summary>
    Cuda = 1,

    /// <summary>A GPU through OpenCL 2.0 or later.</summary>
    OpenCL = 2,

    /// <summary>ILGPU's CPU accelerator, which runs kernels on managed threads: slow, but needs no GPU.</summary>
    Cpu = 3,
}
