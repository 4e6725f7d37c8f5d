using System;
using System.ComponentModel;

namespace NetGen.Checks;

/// <summary>
/// The error a generated network (or predictor) gives when a second thread calls <c>Forward</c> or
/// <c>ComputeGradients</c> while a first is still inside: both would write the one workspace the instance owns.
/// Called by generated code; not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConcurrentUse
{
    /// <summary>The exception for a network used from two threads at once.</summary>
    public static InvalidOperationException Network(string network) =>
        new($"{network} is used from two threads at once: a network instance owns one workspace, so Forward and " +
            "ComputeGradients must not overlap. For concurrent inference give each thread its own CreatePredictor(); " +
            "for concurrent training, one network per thread. See docs/concurrency.md.");

    /// <summary>The exception for a predictor used from two threads at once.</summary>
    public static InvalidOperationException Predictor(string network) =>
        new($"A predictor of {network} is used from two threads at once: a predictor owns one workspace, so its Forward " +
            "calls must not overlap. Create one predictor per thread with CreatePredictor(). See docs/concurrency.md.");
}
