namespace NetGen.Gpu;

/// <summary>Which <see cref="Kernels.IGpuKernelShape"/> a network's kernels are compiled with.</summary>
public enum GpuKernelShape
{
    /// <summary><see cref="Direct"/> on ILGPU's CPU accelerator, <see cref="Tiled"/> elsewhere.</summary>
    Auto = 0,

    /// <summary>Shared-memory tiles and tree reductions (<see cref="Kernels.TiledShape"/>): the GPU kernels.</summary>
    Tiled = 1,

    /// <summary>One thread per output without barriers (<see cref="Kernels.DirectShape"/>): fast on the CPU accelerator.</summary>
    Direct = 2,
}
