namespace NetGen.Generators;

/// <summary>Tracking names of the generator's pipeline steps, for incremental-caching tests.</summary>
public static class StepNames
{
    /// <summary>The step that turns a <c>[Network]</c> class into its <see cref="Model.NetworkSpec"/> (or null).</summary>
    public const string NetworkSpec = nameof(NetworkSpec);

    /// <summary>Whether the compilation references ILGPU and NetGen.Gpu (see <see cref="GpuSupport"/>).</summary>
    public const string GpuEnabled = nameof(GpuEnabled);

    /// <summary>Each spec paired with <see cref="GpuEnabled"/>: what the GPU emitter reads.</summary>
    public const string GpuInput = nameof(GpuInput);
}
