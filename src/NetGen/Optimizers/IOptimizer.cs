using System;

namespace NetGen.Optimizers;

/// <summary>
/// Updates a flat parameter buffer in place from its gradient.
/// </summary>
/// <remarks>
/// A checkpoint saves, beside the parameters, <see cref="StepCount"/>, <see cref="LearningRate"/> and the
/// <see cref="StateLength"/> floats written by <see cref="SaveState"/>; restoring calls <see cref="LoadState"/> on an
/// optimizer built with the same hyper-parameters and sets <see cref="LearningRate"/>. The following steps are then
/// bit-identical to those of the optimizer that was saved.
/// </remarks>
public interface IOptimizer
{
    /// <summary>The step size; schedules may change it between steps.</summary>
    float LearningRate { get; set; }

    /// <summary>The number of steps taken since construction or <see cref="Reset"/>, or given to <see cref="LoadState"/>.</summary>
    long StepCount { get; }

    /// <summary>
    /// Applies one update. The optimizer keeps its state (momentum buffers, running averages) for one parameter buffer
    /// length, fixed by the first call; later calls allocate nothing.
    /// </summary>
    void Step(Span<float> parameters, ReadOnlySpan<float> gradients);

    /// <summary>Forgets the state and the step count, as if no step had been taken.</summary>
    void Reset();

    /// <summary>
    /// The number of floats <see cref="SaveState"/> writes and <see cref="LoadState"/> reads for a parameter buffer of
    /// <paramref name="parameterCount"/> values: a whole number of per-parameter buffers, 0 for an optimizer without state.
    /// </summary>
    int StateLength(int parameterCount);

    /// <summary>
    /// Copies the per-parameter state into <paramref name="destination"/>, whose length must be
    /// <see cref="StateLength"/> of the parameter count. Before the first step this writes the initial state.
    /// Allocates nothing.
    /// </summary>
    void SaveState(Span<float> destination);

    /// <summary>
    /// Replaces the state by one written by <see cref="SaveState"/> and sets <see cref="StepCount"/>. An optimizer that
    /// has not stepped yet takes its parameter count from the length of <paramref name="source"/>; one that has must be
    /// given exactly its own state length.
    /// </summary>
    void LoadState(ReadOnlySpan<float> source, long stepCount);
}
