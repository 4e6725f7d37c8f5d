namespace NetGen.Generators;

/// <summary>Tracking names of the generator's pipeline steps, for incremental-caching tests.</summary>
public static class StepNames
{
    /// <summary>The step that turns a <c>[Network]</c> class into its <see cref="Model.NetworkSpec"/> (or null).</summary>
    public const string NetworkSpec = nameof(NetworkSpec);
}
