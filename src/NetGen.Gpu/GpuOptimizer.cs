using System;
using ILGPU;
using ILGPU.Runtime;
using NetGen.Gpu.Kernels;
using NetGen.Optimizers;

namespace NetGen.Gpu;

/// <summary>
/// Runs a CPU optimizer's update rule on device buffers: <see cref="Sgd"/> (momentum, dampening, Nesterov, weight
/// decay), <see cref="Adam"/> and <see cref="AdamW"/> (with AMSGrad). The CPU optimizer is the configuration: its
/// hyper-parameters are read once, its <see cref="IOptimizer.LearningRate"/> at every step, so a schedule that changes
/// it applies. The state (momentum, moments) lives on the device, one buffer per parameter.
/// </summary>
public sealed class GpuOptimizer : IDisposable
{
    private readonly IOptimizer _rule;
    private readonly MemoryBuffer1D<float, Stride1D.Dense>? _state;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, SgdScalars>? _sgd;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamScalars>? _adam;

    /// <summary>Creates the device state for <paramref name="parameterCount"/> parameters following <paramref name="rule"/>.</summary>
    /// <exception cref="NotSupportedException"><paramref name="rule"/> is not an <see cref="Sgd"/>, <see cref="Adam"/> or <see cref="AdamW"/>.</exception>
    public GpuOptimizer(Accelerator accelerator, IOptimizer rule, int parameterCount)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parameterCount);
        Accelerator = accelerator;
        _rule = rule;
        ParameterCount = parameterCount;
        int buffers;
        switch (rule)
        {
            case Sgd sgd:
                buffers = sgd.Momentum != 0f ? 1 : 0;
                _sgd = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, SgdScalars>(RuntimeKernels.Sgd);
                break;
            case AdamOptimizer adam:
                buffers = adam.AmsGrad ? 3 : 2;
                _adam = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, AdamScalars>(RuntimeKernels.Adam);
                break;
            default:
                throw new NotSupportedException(
                    $"{rule.GetType().Name} has no GPU implementation; use Sgd, Adam or AdamW.");
        }

        if (buffers > 0)
        {
            _state = DeviceMemory.Allocate<float>(accelerator, (long)buffers * parameterCount, $"the {rule.GetType().Name} state");
            _state.MemSetToZero();
        }
    }

    /// <summary>The accelerator holding the state.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>Parameters this optimizer updates.</summary>
    public int ParameterCount { get; }

    /// <summary>Steps taken so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>The CPU optimizer whose rule and learning rate this one follows.</summary>
    public IOptimizer Rule => _rule;

    /// <summary>One update of <paramref name="parameters"/> from <paramref name="gradients"/>, both on the device.</summary>
    /// <exception cref="ArgumentException">A buffer's length is not <see cref="ParameterCount"/>.</exception>
    public void Step(ArrayView<float> parameters, ArrayView<float> gradients)
    {
        if (parameters.Length != ParameterCount || gradients.Length != ParameterCount)
        {
            throw new ArgumentException(
                $"This optimizer updates {ParameterCount} parameters but was given parameters of {parameters.Length} " +
                $"and gradients of {gradients.Length} values; use one optimizer per network.", nameof(parameters));
        }

        StepCount++;
        int n = ParameterCount;
        ArrayView<float> state = _state is null ? parameters : _state.View;
        if (_rule is Sgd sgd)
        {
            var s = new SgdScalars
            {
                LearningRate = sgd.LearningRate,
                WeightDecay = sgd.WeightDecay,
                Momentum = sgd.Momentum,
                Keep = 1f - sgd.Dampening,
                First = StepCount == 1 ? 1 : 0,
                Nesterov = sgd.Nesterov ? 1 : 0,
            };
            _sgd!(Accelerator.DefaultStream, n, parameters, gradients, state.SubView(0, n), s);
            return;
        }

        var adam = (AdamOptimizer)_rule;
        bool decoupled = adam is AdamW;
        double biasCorrection1 = 1.0 - Math.Pow(adam.Beta1, StepCount);
        double biasCorrection2 = 1.0 - Math.Pow(adam.Beta2, StepCount);
        var a = new AdamScalars
        {
            StepSize = (float)(adam.LearningRate / biasCorrection1),
            BiasCorrection2Sqrt = (float)Math.Sqrt(biasCorrection2),
            Decay = decoupled ? (float)(1.0 - (double)adam.LearningRate * adam.WeightDecay) : 1f,
            L2 = decoupled ? 0f : adam.WeightDecay,
            Beta1 = adam.Beta1,
            Beta2 = adam.Beta2,
            Epsilon = adam.Epsilon,
            AmsGrad = adam.AmsGrad ? 1 : 0,
        };
        _adam!(Accelerator.DefaultStream, n, parameters, gradients, state.SubView(0, n), state.SubView(n, n),
            adam.AmsGrad ? state.SubView(2L * n, n) : state.SubView(0, n), a);
    }

    /// <summary>Frees the device state.</summary>
    public void Dispose() => _state?.Dispose();
}
