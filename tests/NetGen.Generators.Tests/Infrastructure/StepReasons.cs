using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NetGen.Generators.Tests.Infrastructure;

/// <summary>
/// What a second run should report for the generator's tracked steps. One record, reused by every caching test:
/// <see cref="NetworkSpec"/> is the reason of every output of the <see cref="StepNames.NetworkSpec"/> step.
/// </summary>
internal sealed record StepReasons(IncrementalStepRunReason NetworkSpec)
{
    /// <summary>First run: everything is new.</summary>
    public static readonly StepReasons New = new(IncrementalStepRunReason.New);

    /// <summary>
    /// The spec step did not run again: its input was not looked at, or was parsed again and came out equal (an
    /// equal spec with no diagnostics).
    /// </summary>
    public static readonly StepReasons Cached = new(IncrementalStepRunReason.Cached);

    /// <summary>The spec step ran again (the parse result differed, e.g. in a diagnostic's location) and gave an
    /// equal spec: nothing is re-emitted.</summary>
    public static readonly StepReasons Unchanged = new(IncrementalStepRunReason.Unchanged);

    /// <summary>The spec changed: the network is emitted again.</summary>
    public static readonly StepReasons Modified = new(IncrementalStepRunReason.Modified);

    /// <summary>Fails unless every output of the <see cref="StepNames.NetworkSpec"/> step has the expected reason.</summary>
    public void AssertMatches(GeneratorRun run)
    {
        Assert.True(
            run.Generator.TrackedSteps.TryGetValue(StepNames.NetworkSpec, out ImmutableArray<IncrementalGeneratorRunStep> steps),
            $"No step named {StepNames.NetworkSpec} was tracked; was the driver created with trackSteps?");
        IncrementalStepRunReason[] reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToArray();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Equal(NetworkSpec, reason));
    }
}
