using System;
using System.Reflection;
using ILGPU;
using ILGPU.Runtime;
using NetGen.Gpu.Kernels;

namespace NetGen.Gpu;

/// <summary>
/// The body of a kernel the generator writes for one layer step. Every generated kernel takes the same arguments, so
/// the runtime loads and launches them alike: the flat parameters and gradients, every layer's activations, the
/// delta buffer the step reads and the one it writes, the network's inputs, the batch size and the seed of the
/// training step (for dropout masks).
/// </summary>
public delegate void LayerKernelBody(
    ArrayView<float> parameters, ArrayView<float> gradients, ArrayView<float> activations,
    ArrayView<float> deltasIn, ArrayView<float> deltasOut, ArrayView<float> inputs, int batch, int seed);

/// <summary>A loaded generated kernel (see <see cref="LayerKernelBody"/> for its arguments).</summary>
public sealed class LayerKernel
{
    internal LayerKernel(Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> launcher) =>
        Launcher = launcher;

    internal Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> Launcher { get; }
}

/// <summary>
/// The device-resident half of a generated network: the base of each network's nested <c>Gpu</c> class. It owns the
/// parameters, gradients, activations, delta buffers and one mini-batch on the accelerator, and runs forward passes,
/// gradients and whole training epochs there. The parameters are a float-for-float image of the CPU network's
/// <c>Parameters</c> (PyTorch's layout), copied with <see cref="CopyParametersFrom(ReadOnlySpan{float})"/> and
/// <see cref="CopyParametersTo(Span{float})"/>.
/// </summary>
public abstract class GpuNetwork : IDisposable
{
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _parameters;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _gradients;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _activations;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _deltasEven;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _deltasOdd;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _batchInputs;
    private readonly MemoryBuffer1D<int, Stride1D.Dense> _batchLabels;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _batchTargets;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _losses;
    private readonly MemoryBuffer1D<float, Stride1D.Dense> _lossTotal;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, int, int> _crossEntropy;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int> _meanSquaredError;
    private readonly Action<AcceleratorStream, KernelConfig, ArrayView<float>, ArrayView<float>, int> _accumulate;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int> _gatherRows;
    private readonly Action<AcceleratorStream, Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int> _gatherLabels;
    private readonly IGpuKernelShape _shape;
    private readonly Type _shapeType;
    private MemoryBuffer1D<int, Stride1D.Dense>? _order;
    private int[]? _hostOrder;
    private SeededRandom? _shuffle;
    private bool _disposed;
    private long _steps;
    private int _seed;

    /// <summary>Allocates the device buffers for batches of up to <paramref name="maxBatch"/> samples.</summary>
    /// <param name="accelerator">Where the network runs.</param>
    /// <param name="name">The network's type name, for messages.</param>
    /// <param name="inputSize">Inputs per sample.</param>
    /// <param name="outputSize">Outputs per sample.</param>
    /// <param name="parameterCount">Size of the flat parameter buffer.</param>
    /// <param name="activationsPerSample">Values every layer's outputs take per sample.</param>
    /// <param name="deltasPerSample">The largest layer's output size.</param>
    /// <param name="outputOffset">Per-sample offset of the last layer's outputs in the activations.</param>
    /// <param name="loss">The network's loss.</param>
    /// <param name="maxBatch">The largest batch the buffers hold.</param>
    /// <param name="shape">How the kernels use thread groups; <see cref="GpuKernelShape.Auto"/> picks by accelerator.</param>
    /// <exception cref="GpuOutOfMemoryException">The buffers do not fit on the device.</exception>
    protected GpuNetwork(
        Accelerator accelerator, string name, int inputSize, int outputSize, int parameterCount,
        int activationsPerSample, int deltasPerSample, int outputOffset, Loss loss, int maxBatch,
        GpuKernelShape shape = GpuKernelShape.Auto)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        Shape = shape != GpuKernelShape.Auto ? shape
            : accelerator.AcceleratorType == AcceleratorType.CPU ? GpuKernelShape.Direct : GpuKernelShape.Tiled;
        _shape = Shape == GpuKernelShape.Tiled ? new TiledShape() : new DirectShape();
        _shapeType = _shape.GetType();
        if (_shape.GroupSize > accelerator.MaxNumThreadsPerGroup || _shape.Tile * _shape.Tile > accelerator.MaxNumThreadsPerGroup)
        {
            throw new NotSupportedException(
                $"{accelerator.Name} runs at most {accelerator.MaxNumThreadsPerGroup} threads per group; the {Shape} kernels need " +
                $"{Math.Max(_shape.GroupSize, _shape.Tile * _shape.Tile)}.");
        }
        if (loss is not (Loss.CrossEntropy or Loss.MSE))
        {
            throw new NotSupportedException(
                $"{name} uses the loss {loss}, which the GPU back end does not implement; it supports CrossEntropy and MSE.");
        }

        Accelerator = accelerator;
        Name = name;
        InputSize = inputSize;
        OutputSize = outputSize;
        ParameterCount = parameterCount;
        ActivationsPerSample = activationsPerSample;
        OutputOffset = outputOffset;
        Loss = loss;
        MaxBatch = maxBatch;
        string of = $" of {name} (max batch {maxBatch})";
        try
        {
            _parameters = DeviceMemory.Allocate<float>(accelerator, parameterCount, "the parameters" + of);
            _gradients = DeviceMemory.Allocate<float>(accelerator, parameterCount, "the gradients" + of);
            _activations = DeviceMemory.Allocate<float>(accelerator, (long)maxBatch * activationsPerSample, "the activations" + of);
            _deltasEven = DeviceMemory.Allocate<float>(accelerator, (long)maxBatch * deltasPerSample, "the even deltas" + of);
            _deltasOdd = DeviceMemory.Allocate<float>(accelerator, (long)maxBatch * deltasPerSample, "the odd deltas" + of);
            _batchInputs = DeviceMemory.Allocate<float>(accelerator, (long)maxBatch * inputSize, "the batch inputs" + of);
            _batchLabels = DeviceMemory.Allocate<int>(accelerator, maxBatch, "the batch labels" + of);
            _batchTargets = DeviceMemory.Allocate<float>(accelerator, (long)maxBatch * outputSize, "the batch targets" + of);
            _losses = DeviceMemory.Allocate<float>(accelerator, maxBatch, "the per-sample losses" + of);
            _lossTotal = DeviceMemory.Allocate<float>(accelerator, 1, "the loss total" + of);
        }
        catch
        {
            Dispose();
            throw;
        }

        _gradients.MemSetToZero();
        _crossEntropy = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, int, int>(RuntimeKernels.SoftmaxCrossEntropy);
        _meanSquaredError = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>(RuntimeKernels.MeanSquaredError);
        _accumulate = accelerator.LoadKernel<ArrayView<float>, ArrayView<float>, int>(
            Shape == GpuKernelShape.Tiled ? RuntimeKernels.AccumulateSum<TiledShape> : RuntimeKernels.AccumulateSum<DirectShape>);
        _gatherRows = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<float>, ArrayView<int>, ArrayView<float>, int, int>(RuntimeKernels.GatherRows);
        _gatherLabels = accelerator.LoadAutoGroupedKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int>(RuntimeKernels.GatherLabels);
    }

    /// <summary>The accelerator the network runs on.</summary>
    public Accelerator Accelerator { get; }

    /// <summary>The network's type name.</summary>
    public string Name { get; }

    /// <summary>Inputs per sample.</summary>
    public int InputSize { get; }

    /// <summary>Outputs per sample.</summary>
    public int OutputSize { get; }

    /// <summary>Size of the flat parameter buffer.</summary>
    public int ParameterCount { get; }

    /// <summary>The network's loss.</summary>
    public Loss Loss { get; }

    /// <summary>How the kernels use thread groups.</summary>
    public GpuKernelShape Shape { get; }

    /// <summary>The largest batch the device buffers hold.</summary>
    public int MaxBatch { get; }

    /// <summary>Seed of the shuffling of <see cref="TrainEpoch"/>, as <c>TrainingOptions.Seed</c> on the CPU; set before the first epoch.</summary>
    public int ShuffleSeed { get; set; }

    /// <summary>The parameters on the device, in the CPU network's layout.</summary>
    public ArrayView<float> Parameters => _parameters.View.BaseView.SubView(0, ParameterCount);

    /// <summary>The gradients of the last <see cref="ComputeGradients(ReadOnlySpan{float}, ReadOnlySpan{int})"/> or training step.</summary>
    public ArrayView<float> Gradients => _gradients.View.BaseView.SubView(0, ParameterCount);

    private int ActivationsPerSample { get; }

    private int OutputOffset { get; }

    /// <summary>Uploads <paramref name="parameters"/> (the CPU network's <c>Parameters</c>).</summary>
    /// <exception cref="ArgumentException">The length is not <see cref="ParameterCount"/>: parameters of another network.</exception>
    public void CopyParametersFrom(ReadOnlySpan<float> parameters)
    {
        RequireParameterLength(parameters.Length, nameof(parameters));
        Parameters.CopyFromCPU(parameters);
    }

    /// <summary>Uploads the parameters of <paramref name="network"/>.</summary>
    public void CopyParametersFrom(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        CopyParametersFrom(network.Parameters);
    }

    /// <summary>Downloads the parameters into <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The length is not <see cref="ParameterCount"/>.</exception>
    public void CopyParametersTo(Span<float> parameters)
    {
        RequireParameterLength(parameters.Length, nameof(parameters));
        Parameters.CopyToCPU(parameters);
    }

    /// <summary>Downloads the parameters into <paramref name="network"/>'s <c>Parameters</c>.</summary>
    public void CopyParametersTo(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        CopyParametersTo(network.Parameters);
    }

    /// <summary>Downloads the gradients of the last step into <paramref name="gradients"/>.</summary>
    public void CopyGradientsTo(Span<float> gradients)
    {
        RequireParameterLength(gradients.Length, nameof(gradients));
        Gradients.CopyToCPU(gradients);
    }

    /// <summary>Inference on host data: <c>[batch, InputSize]</c> in, <c>[batch, OutputSize]</c> out (logits for cross-entropy).</summary>
    /// <exception cref="ArgumentException">The lengths do not describe the same batch, or the batch exceeds <see cref="MaxBatch"/>.</exception>
    public void Forward(ReadOnlySpan<float> inputs, Span<float> outputs)
    {
        int batch = BatchOf(inputs.Length, outputs.Length);
        ArrayView<float> x = _batchInputs.View.BaseView.SubView(0, (long)batch * InputSize);
        x.CopyFromCPU(inputs);
        LaunchForward(x, batch, training: false);
        OutputsOf(batch).CopyToCPU(outputs.Slice(0, batch * OutputSize));
    }

    /// <summary>Inference on device data: <paramref name="batch"/> samples of <paramref name="inputs"/> into <paramref name="outputs"/>.</summary>
    public void Forward(ArrayView<float> inputs, int batch, ArrayView<float> outputs)
    {
        RequireBatch(batch);
        RequireLength(inputs.Length, (long)batch * InputSize, nameof(inputs));
        RequireLength(outputs.Length, (long)batch * OutputSize, nameof(outputs));
        LaunchForward(inputs.SubView(0, (long)batch * InputSize), batch, training: false);
        OutputsOf(batch).CopyTo(outputs.SubView(0, (long)batch * OutputSize));
    }

    /// <summary>
    /// Forward and backward on host data with class labels (cross-entropy): leaves the gradient of the mean loss in
    /// <see cref="Gradients"/> and returns the mean loss.
    /// </summary>
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<int> labels)
    {
        RequireLoss(Loss.CrossEntropy, "class labels");
        int batch = BatchOf(inputs.Length, labels.Length * OutputSize);
        for (int i = 0; i < batch; i++)
        {
            if ((uint)labels[i] >= (uint)OutputSize)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), labels[i], $"labels[{i}] must lie in [0, {OutputSize}).");
            }
        }

        _batchInputs.View.BaseView.SubView(0, (long)batch * InputSize).CopyFromCPU(inputs);
        _batchLabels.View.BaseView.SubView(0, batch).CopyFromCPU(labels);
        _lossTotal.MemSetToZero();
        Step(batch, optimizer: null);
        return Total() / batch;
    }

    /// <summary>Forward and backward on host data with float targets (mean squared error); returns the mean loss.</summary>
    public float ComputeGradients(ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets)
    {
        RequireLoss(Loss.MSE, "float targets");
        int batch = BatchOf(inputs.Length, targets.Length);
        _batchInputs.View.BaseView.SubView(0, (long)batch * InputSize).CopyFromCPU(inputs);
        _batchTargets.View.BaseView.SubView(0, (long)batch * OutputSize).CopyFromCPU(targets);
        _lossTotal.MemSetToZero();
        Step(batch, optimizer: null);
        return Total() / batch;
    }

    /// <summary>
    /// One epoch of mini-batch training on a device-resident dataset: each batch is gathered on the device, run
    /// forward and backward, and followed by one <paramref name="optimizer"/> step. The only transfers are the
    /// shuffled sample order (one upload per epoch) and the mean loss (one download), which this returns. The order
    /// follows the CPU <c>Trainer</c>'s for the same <see cref="ShuffleSeed"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The dataset's sample size, labels or targets do not fit this network, or the batch size exceeds <see cref="MaxBatch"/>.</exception>
    public float TrainEpoch(GpuDataset data, int batchSize, GpuOptimizer optimizer, bool shuffle = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(optimizer);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        RequireBatch(batchSize);
        if (data.Accelerator != Accelerator || optimizer.Accelerator != Accelerator)
        {
            throw new ArgumentException($"The dataset and the optimizer must live on {Name}'s accelerator ({Accelerator.Name}).");
        }

        if (data.FeatureSize != InputSize)
        {
            throw new ArgumentException(
                $"{data.Name} has {data.FeatureSize} values per sample but {Name} takes {InputSize}.", nameof(data));
        }

        if (Loss == Loss.CrossEntropy && (!data.HasLabels || data.ClassCount > OutputSize))
        {
            throw new ArgumentException(
                data.HasLabels
                    ? $"{data.Name} has {data.ClassCount} classes but {Name} has {OutputSize} outputs."
                    : $"{Name} trains with cross-entropy on class labels but {data.Name} has float targets.",
                nameof(data));
        }

        if (Loss == Loss.MSE && (data.HasLabels || data.TargetSize != OutputSize))
        {
            throw new ArgumentException(
                data.HasLabels
                    ? $"{Name} trains with MSE on float targets but {data.Name} has class labels."
                    : $"{data.Name} has {data.TargetSize} targets per sample but {Name} has {OutputSize} outputs.",
                nameof(data));
        }

        if (optimizer.ParameterCount != ParameterCount)
        {
            throw new ArgumentException(
                $"The optimizer updates {optimizer.ParameterCount} parameters but {Name} has {ParameterCount}.", nameof(optimizer));
        }

        if (_hostOrder is null || _hostOrder.Length != data.Count)
        {
            _order?.Dispose();
            _order = DeviceMemory.Allocate<int>(Accelerator, data.Count, $"the sample order of {data.Name}");
            _hostOrder = new int[data.Count];
            for (int i = 0; i < _hostOrder.Length; i++)
            {
                _hostOrder[i] = i;
            }

            _shuffle = new SeededRandom(ShuffleSeed);
        }

        if (shuffle)
        {
            _shuffle!.Shuffle(_hostOrder.AsSpan());
        }

        AcceleratorStream stream = Accelerator.DefaultStream;
        _order!.View.BaseView.SubView(0, data.Count).CopyFromCPU(_hostOrder);
        _lossTotal.MemSetToZero();
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int batch = Math.Min(batchSize, data.Count - start);
            _gatherRows(stream, batch * InputSize, data.Features, _order.View, _batchInputs.View, start, InputSize);
            if (Loss == Loss.CrossEntropy)
            {
                _gatherLabels(stream, batch, data.Labels, _order.View, _batchLabels.View, start);
            }
            else
            {
                _gatherRows(stream, batch * OutputSize, data.Targets, _order.View, _batchTargets.View, start, OutputSize);
            }

            Step(batch, optimizer);
        }

        return Total() / data.Count;
    }

    /// <summary>Frees every device buffer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _parameters?.Dispose();
        _gradients?.Dispose();
        _activations?.Dispose();
        _deltasEven?.Dispose();
        _deltasOdd?.Dispose();
        _batchInputs?.Dispose();
        _batchLabels?.Dispose();
        _batchTargets?.Dispose();
        _losses?.Dispose();
        _lossTotal?.Dispose();
        _order?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs every layer forward over <paramref name="inputs"/> (<c>[batch, InputSize]</c> on the device).</summary>
    protected abstract void LaunchForward(ArrayView<float> inputs, int batch, bool training);

    /// <summary>
    /// Runs every layer backward, from the gradient of the last layer's outputs in the delta buffer of its parity
    /// (<see cref="Deltas(int)"/>), writing every parameter's gradient.
    /// </summary>
    protected abstract void LaunchBackward(ArrayView<float> inputs, int batch);

    /// <summary>
    /// Loads a generated kernel: a static method with the arguments of <see cref="LayerKernelBody"/>, generic over an
    /// <see cref="IGpuKernelShape"/> that this network's <see cref="Shape"/> closes.
    /// </summary>
    protected LayerKernel Load(MethodInfo kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        MethodInfo closed = kernel.IsGenericMethodDefinition ? kernel.MakeGenericMethod(_shapeType) : kernel;
        var body = closed.CreateDelegate<Action<ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, int, int>>();
        return new LayerKernel(Accelerator.LoadKernel(body));
    }

    /// <summary>Groups covering an <c>[m, n]</c> matrix product (see <see cref="GpuLaunch.Tiles"/>).</summary>
    protected KernelConfig Tiles(int m, int n) => GpuLaunch.Tiles(_shape, m, n);

    /// <summary>Groups for a column sum over <paramref name="columns"/> (see <see cref="GpuLaunch.ColumnTiles"/>).</summary>
    protected KernelConfig ColumnTiles(int columns) => GpuLaunch.ColumnTiles(_shape, columns);

    /// <summary>One thread per element (see <see cref="GpuLaunch.Elements"/>).</summary>
    protected KernelConfig Elements(int count) => GpuLaunch.Elements(_shape, count);

    /// <summary>One group per reduction (see <see cref="GpuLaunch.Groups"/>).</summary>
    protected KernelConfig Groups(int groups) => GpuLaunch.Groups(_shape, groups);

    /// <summary>Launches a generated kernel with every buffer, reading the deltas of <paramref name="inParity"/> and writing those of <paramref name="outParity"/>.</summary>
    protected void Launch(LayerKernel kernel, KernelConfig config, int inParity, int outParity, ArrayView<float> inputs, int batch) =>
        kernel.Launcher(Accelerator.DefaultStream, config, Parameters, Gradients, _activations.View, Deltas(inParity), Deltas(outParity), inputs, batch, _seed);

    /// <summary>The delta buffer of layers with index parity <paramref name="parity"/> (0: even, 1: odd).</summary>
    protected ArrayView<float> Deltas(int parity) => (parity & 1) == 0 ? _deltasEven.View : _deltasOdd.View;

    /// <summary>Downloads the activations of the last pass (every layer's <c>[batch, units]</c> block, then the dropout masks).</summary>
    internal void CopyActivationsTo(Span<float> destination) =>
        _activations.View.BaseView.SubView(0, destination.Length).CopyToCPU(destination);

    private ArrayView<float> OutputsOf(int batch) =>
        _activations.View.BaseView.SubView((long)batch * OutputOffset, (long)batch * OutputSize);

    private void Step(int batch, GpuOptimizer? optimizer)
    {
        AcceleratorStream stream = Accelerator.DefaultStream;
        ArrayView<float> x = _batchInputs.View.BaseView.SubView(0, (long)batch * InputSize);
        _steps++;
        _seed = (int)(new SeededRandom(ShuffleSeed * 1_000_003L + _steps).NextUInt64() >> 33);
        LaunchForward(x, batch, training: true);
        ArrayView<float> dOut = Deltas(LastLayerParity);
        if (Loss == Loss.CrossEntropy)
        {
            _crossEntropy(stream, batch, OutputsOf(batch), _batchLabels.View, dOut, _losses.View, batch, OutputSize);
        }
        else
        {
            _meanSquaredError(stream, batch, OutputsOf(batch), _batchTargets.View, dOut, _losses.View, batch, OutputSize);
        }

        _accumulate(stream, GpuLaunch.Groups(_shape, 1), _losses.View, _lossTotal.View, batch);
        LaunchBackward(x, batch);
        optimizer?.Step(Parameters, Gradients);
    }

    /// <summary>Parity of the last layer's index: which delta buffer receives the loss gradient.</summary>
    protected abstract int LastLayerParity { get; }

    private float Total()
    {
        float[] total = new float[1];
        _lossTotal.View.BaseView.SubView(0, 1).CopyToCPU(total);
        return total[0];
    }

    private int BatchOf(int inputs, int outputs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (inputs % InputSize != 0 || inputs == 0)
        {
            throw new ArgumentException(
                $"{Name} takes {InputSize} inputs per sample; {inputs} values is not a whole, non-empty batch.", nameof(inputs));
        }

        int batch = inputs / InputSize;
        if (outputs < (long)batch * OutputSize)
        {
            throw new ArgumentException(
                $"A batch of {batch} needs room for {(long)batch * OutputSize} outputs (or {batch} labels); got {outputs}.");
        }

        RequireBatch(batch);
        return batch;
    }

    private void RequireBatch(int batch)
    {
        if (batch > MaxBatch)
        {
            throw new ArgumentException(
                $"A batch of {batch} samples exceeds the {MaxBatch} this {Name}.Gpu reserved; create it with a larger maxBatch.",
                nameof(batch));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch);
    }

    private void RequireParameterLength(int length, string paramName)
    {
        if (length != ParameterCount)
        {
            throw new ArgumentException(
                $"{Name} has {ParameterCount} parameters but {paramName} has {length}: the parameters of another network?",
                paramName);
        }
    }

    private static void RequireLength(long length, long needed, string paramName)
    {
        if (length < needed)
        {
            throw new ArgumentException($"{paramName} has {length} values; the batch needs {needed}.", paramName);
        }
    }

    private void RequireLoss(Loss loss, string what)
    {
        if (Loss != loss)
        {
            throw new InvalidOperationException($"{Name} trains with {Loss}; {what} are for {loss}.");
        }
    }
}
