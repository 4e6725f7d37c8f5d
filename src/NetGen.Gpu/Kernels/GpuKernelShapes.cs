namespace NetGen.Gpu.Kernels;

/// <summary>
/// How the kernels of <see cref="DeviceLayers"/> use a thread group, passed as a generic struct so that ILGPU folds it
/// to constants: <see cref="TiledShape"/> for GPUs (shared-memory tiles and tree reductions), <see cref="DirectShape"/>
/// for ILGPU's CPU accelerator, whose group barriers cost an operating-system thread switch each.
/// </summary>
public interface IGpuKernelShape
{
    /// <summary>Side of the square thread tiles of matrix products (groups of <c>Tile × Tile</c> threads).</summary>
    int Tile { get; }

    /// <summary>Threads per group of element-wise kernels and reductions.</summary>
    int GroupSize { get; }

    /// <summary>Whether groups share work through shared memory and barriers (else each thread works alone).</summary>
    bool Tiled { get; }
}

/// <summary>16 × 16 tiles in shared memory and 256-thread tree reductions: the shape for GPUs.</summary>
public readonly struct TiledShape : IGpuKernelShape
{
    /// <inheritdoc />
    public int Tile => DeviceLayers.MaxTile;

    /// <inheritdoc />
    public int GroupSize => DeviceLayers.MaxGroupSize;

    /// <inheritdoc />
    public bool Tiled => true;
}

/// <summary>
/// Groups of 16 threads that never synchronise: each thread computes its output from global memory, and one thread
/// per group does a reduction. Slow on a GPU, fast on ILGPU's CPU accelerator.
/// </summary>
public readonly struct DirectShape : IGpuKernelShape
{
    /// <inheritdoc />
    public int Tile => 4;

    /// <inheritdoc />
    public int GroupSize => 16;

    /// <inheritdoc />
    public bool Tiled => false;
}
