using System;
using ILGPU;
using ILGPU.Runtime;

namespace NetGen.Gpu;

/// <summary>Allocation that turns ILGPU's out-of-memory failures into a <see cref="GpuOutOfMemoryException"/> naming the buffer.</summary>
internal static class DeviceMemory
{
    public static MemoryBuffer1D<T, Stride1D.Dense> Allocate<T>(Accelerator accelerator, long length, string what)
        where T : unmanaged
    {
        long bytes = length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        try
        {
            return accelerator.Allocate1D<T>(Math.Max(1, length));
        }
        catch (Exception e) when (e is OutOfMemoryException or AcceleratorException or InsufficientMemoryException)
        {
            throw new GpuOutOfMemoryException(what, bytes, accelerator.Name, e);
        }
    }
}
