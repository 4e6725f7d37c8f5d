using System;
using ILGPU;
using ILGPU.Runtime;

namespace NetGen.Gpu.Kernels;

/// <summary>The launch configurations the kernel bodies of <see cref="DeviceLayers"/> expect, for a kernel shape.</summary>
public static class GpuLaunch
{
    /// <summary>Groups of <c>Tile × Tile</c> threads covering an <c>[m, n]</c> result, one thread per value.</summary>
    public static KernelConfig Tiles(IGpuKernelShape shape, int m, int n) => new(
        new Index2D(Ceiling(n, shape.Tile), Ceiling(m, shape.Tile)), new Index2D(shape.Tile, shape.Tile));

    /// <summary>Groups of <c>Tile × Tile</c> threads, one group per <c>Tile</c> columns.</summary>
    public static KernelConfig ColumnTiles(IGpuKernelShape shape, int columns) => new(
        new Index2D(Ceiling(columns, shape.Tile), 1), new Index2D(shape.Tile, shape.Tile));

    /// <summary>One thread per element, in groups of <see cref="IGpuKernelShape.GroupSize"/>.</summary>
    public static KernelConfig Elements(IGpuKernelShape shape, int count) => new(
        new Index1D(Math.Max(1, Ceiling(count, shape.GroupSize))), new Index1D(shape.GroupSize));

    /// <summary><paramref name="groups"/> groups of <see cref="IGpuKernelShape.GroupSize"/> threads.</summary>
    public static KernelConfig Groups(IGpuKernelShape shape, int groups) =>
        new(new Index1D(Math.Max(1, groups)), new Index1D(shape.GroupSize));

    private static int Ceiling(int value, int divisor) => (value + divisor - 1) / divisor;
}
