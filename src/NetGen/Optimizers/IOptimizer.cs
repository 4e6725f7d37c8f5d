using System;

namespace NetGen.Optimizers;

/// <summary>Updates a flat parameter buffer in place from its gradient.</summary>
public interface IOptimizer
{
    /// <summary>The step size; schedules may change it between steps.</summary>
    float LearningRate { get; set; }

    /// <summary>
    /// Applies one update. The optimizer keeps its state (momentum buffers) for one parameter buffer length,
    /// fixed by the first call.
    /// </summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>Forgets the state, as if no step had been taken.</summary>
    void Reset();
}
