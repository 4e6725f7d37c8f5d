using System;
using ILGPU;
using ILGPU.Runtime;

namespace NetGen.Gpu.Kernels;

/// <summary>The launch configurations the kernel bodies of <see cref="DeviceLayers"/> expect.</summary>
public static class GpuLaunch
{
    /// <summary>Groups of <c>Tile × Tile</c> threads covering an <c>[m, n]</c> result, one thread per value.</summary>
    public static KernelConfig Tiles(int m, int n) => new(
        new Index2D(Ceiling(n, DeviceLayers.Tile), Ceiling(m, DeviceLayers.Tile)),
        new Index2D(DeviceLayers.Tile, DeviceLayers.Tile));

    /// <summary>Groups of <c>Tile × Tile</c> threads, one group per <c>Tile</c> columns.</summary>
    public static KernelConfig ColumnTiles(int columns) => new(
        new Index2D(Ceiling(columns, DeviceLayers.Tile), 1),
        new Index2D(DeviceLayers.Tile, DeviceLayers.Tile));

    /// <summary>One thread per element, in groups of <see cref="DeviceLayers.GroupSize"/>.</summary>
    public static KernelConfig Elements(int count) => new(
        new Index1D(Math.Max(1, Ceiling(count, DeviceLayers.GroupSize))), new Index1D(DeviceLayers.GroupSize));

    /// <summary><paramref name="groups"/> groups of <see cref="DeviceLayers.GroupSize"/> threads.</summary>
    public static KernelConfig Groups(int groups) => new(new Index1D(groups), new Index1D(DeviceLayers.GroupSize));

    private static int Ceiling(int value, int divisor) => (value + divisor - 1) / divisor;
}
