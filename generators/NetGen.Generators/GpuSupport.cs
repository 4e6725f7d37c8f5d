using Microsoft.CodeAnalysis;

namespace NetGen.Generators;

/// <summary>
/// Whether a compilation gets the GPU file (<c>X.Gpu.g.cs</c>): it must be able to compile it, so it references both
/// ILGPU and NetGen.Gpu. The pipeline and the parser (which reserves the name <c>Gpu</c> then) ask the same question.
/// </summary>
public static class GpuSupport
{
    /// <summary>The ILGPU type the generated kernels need.</summary>
    public const string AcceleratorTypeName = "ILGPU.Runtime.Accelerator";

    /// <summary>The NetGen.Gpu base class of the generated class.</summary>
    public const string GpuNetworkTypeName = "NetGen.Gpu.GpuNetwork";

    /// <summary>The name of the nested class the GPU file adds to every network.</summary>
    public const string ClassName = "Gpu";

    /// <summary>True when <paramref name="compilation"/> references ILGPU and NetGen.Gpu.</summary>
    public static bool IsEnabled(Compilation compilation) =>
        compilation.GetTypeByMetadataName(AcceleratorTypeName) is not null
        && compilation.GetTypeByMetadataName(GpuNetworkTypeName) is not null;
}
