using System;
using NetGen.Kernels;

namespace NetGen.Optimizers;

/// <summary>
/// What every optimizer shares: the validated learning rate, the step count, and the per-parameter state, kept as
/// <c>StateBuffers</c> consecutive buffers of one parameter count each in a single array. The array is allocated on
/// the first <see cref="Step"/> (or by <see cref="LoadState"/>) and reused, so steps allocate nothing after warm-up.
/// A subclass writes only its update rule, <see cref="Update"/>, and, if its state does not start at zero,
/// <see cref="InitializeState"/>.
/// </summary>
public abstract class Optimizer : IOptimizer
{
    private float[]? _state;
    private int _parameterCount;
    private float _learningRate;

    /// <summary>Validates the learning rate and fixes how many per-parameter buffers the state holds.</summary>
    /// <param name="learningRate">Step size, <c>lr</c>; must be a finite value &gt;= 0.</param>
    /// <param name="stateBuffers">Buffers of one float per parameter (Adam: 2, or 3 with AMSGrad).</param>
    protected Optimizer(float learningRate, int stateBuffers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stateBuffers);
        _learningRate = NonNegative(learningRate, nameof(learningRate));
        StateBuffers = stateBuffers;
    }

    /// <inheritdoc/>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = NonNegative(value, nameof(value));
    }

    /// <inheritdoc/>
    public long StepCount { get; private set; }

    /// <summary>How many floats of state the optimizer keeps per parameter.</summary>
    protected int StateBuffers { get; }

    /// <inheritdoc/>
    public void Step(Span<float> parameters, ReadOnlySpan<float> gradients)
    {
        if (parameters.Length != gradients.Length)
        {
            throw new ArgumentException(
                $"parameters has {parameters.Length} values but gradients has {gradients.Length}; they must match.",
                nameof(gradients));
        }

        Span<float> state = StateFor(parameters.Length);
        StepCount++;
        Update(parameters, gradients, state, StepCount);
    }

    /// <inheritdoc/>
    public void Reset()
    {
        _state = null;
        _parameterCount = 0;
        StepCount = 0;
    }

    /// <inheritdoc/>
    public int StateLength(int parameterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parameterCount);
        return checked(StateBuffers * parameterCount);
    }

    /// <inheritdoc/>
    public void SaveState(Span<float> destination)
    {
        if (_state is not null)
        {
            RequireOwnLength(destination.Length, nameof(destination));
            _state.CopyTo(destination);
            return;
        }

        ParameterCountFrom(destination.Length, nameof(destination));
        InitializeState(destination);
    }

    /// <inheritdoc/>
    public void LoadState(ReadOnlySpan<float> source, long stepCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(stepCount);
        if (_state is not null)
        {
            RequireOwnLength(source.Length, nameof(source));
        }
        else if (StateBuffers > 0)
        {
            _parameterCount = ParameterCountFrom(source.Length, nameof(source));
            _state = new float[source.Length];
        }
        else
        {
            ParameterCountFrom(source.Length, nameof(source));
        }

        source.CopyTo(_state);
        StepCount = stepCount;
    }

    /// <summary>
    /// Applies the update rule of step <paramref name="step"/> (1 for the first step, as PyTorch counts). The spans
    /// have the same length; <paramref name="state"/> holds <c>StateBuffers</c> buffers of that length, see
    /// <see cref="StateBuffer"/>.
    /// </summary>
    protected abstract void Update(Span<float> parameters, ReadOnlySpan<float> gradients, Span<float> state, long step);

    /// <summary>Writes the state of an optimizer that has not stepped yet; <paramref name="state"/> may hold anything.</summary>
    protected virtual void InitializeState(Span<float> state) => state.Clear();

    /// <summary>The fewest parameters an element-wise update splits across NetGen's kernel threads.</summary>
    private const int MinParallelElements = 1 << 15;

    /// <summary>Chunk boundaries of a split update, a multiple of every vector width.</summary>
    private const int ElementGrain = 1024;

    /// <summary>
    /// Runs an element-wise update over parameters <c>[0, count)</c>, split across NetGen's kernel threads
    /// (<see cref="Parallelism.MaxThreads"/>) when there are many. The calling thread takes the front of the range and
    /// a worker the back, as in the products before it, so for a network dominated by one layer each thread mostly
    /// updates parameters it has just read and differentiated, in its own cache.
    /// </summary>
    private protected static void Elementwise<TJob>(ref TJob job, int count)
        where TJob : struct, IRangeJob
    {
        if (count < MinParallelElements)
        {
            job.Run(0, count);
            return;
        }

        KernelWorkers.Run(ref job, count, ElementGrain, Parallelism.MaxThreads);
    }

    /// <summary>Buffer <paramref name="index"/> of a state laid out for <paramref name="parameterCount"/> parameters.</summary>
    protected static Span<float> StateBuffer(Span<float> state, int index, int parameterCount) =>
        state.Slice(index * parameterCount, parameterCount);

    /// <summary>Returns <paramref name="value"/> if it is a finite value &gt;= 0, as PyTorch requires of most hyper-parameters.</summary>
    protected static float NonNegative(float value, string paramName)
    {
        if (!(value >= 0f) || !float.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite value >= 0.");
        }

        return value;
    }

    /// <summary>Returns <paramref name="value"/> if it lies in [0, 1], or in [0, 1) when <paramref name="oneAllowed"/> is false.</summary>
    protected static float UnitInterval(float value, bool oneAllowed, string paramName)
    {
        if (!(value >= 0f) || !(oneAllowed ? value <= 1f : value < 1f))
        {
            throw new ArgumentOutOfRangeException(
                paramName, value, $"{paramName} must lie in [0, 1{(oneAllowed ? "]" : ")")}.");
        }

        return value;
    }

    private Span<float> StateFor(int parameterCount)
    {
        if (StateBuffers == 0)
        {
            return Span<float>.Empty;
        }

        if (_state is null)
        {
            _state = new float[StateLength(parameterCount)];
            _parameterCount = parameterCount;
            InitializeState(_state);
        }
        else if (parameterCount != _parameterCount)
        {
            throw new ArgumentException(
                $"This optimizer holds state for {_parameterCount} parameters but was given {parameterCount}; " +
                "use one optimizer per network, or call Reset().",
                "parameters");
        }

        return _state;
    }

    private void RequireOwnLength(int length, string paramName)
    {
        if (length != _state!.Length)
        {
            throw new ArgumentException(
                $"{paramName} has {length} values but this optimizer's state has {_state.Length} " +
                $"({StateBuffers} buffers of {_parameterCount} parameters).",
                paramName);
        }
    }

    private int ParameterCountFrom(int length, string paramName)
    {
        if (StateBuffers == 0 ? length != 0 : length % StateBuffers != 0)
        {
            throw new ArgumentException(
                StateBuffers == 0
                    ? $"{paramName} has {length} values but this optimizer keeps no state; its state length is 0."
                    : $"{paramName} has {length} values, which is not a whole number of the {StateBuffers} " +
                      "per-parameter buffers this optimizer keeps.",
                paramName);
        }

        return StateBuffers == 0 ? 0 : length / StateBuffers;
    }
}
