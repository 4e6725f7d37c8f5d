using BenchmarkDotNet.Attributes;
using NetGen.Optimizers;

namespace NetGen.Benchmarks;

/// <summary>
/// One training step on a batch of 64 MNIST training images: <c>ComputeGradients</c> (forward, cross-entropy,
/// backward) then an SGD step with momentum 0.9, with NetGen's default thread count and on the calling thread alone.
/// ONNX Runtime has no counterpart here (inference only).
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private INetwork _network = null!;
    private Sgd _sgd = null!;
    private float[] _inputs = [];
    private int[] _labels = [];

    /// <summary>The network.</summary>
    [Params(BenchmarkNetworks.Mlp, BenchmarkNetworks.LeNet)]
    public string Network { get; set; } = BenchmarkNetworks.Mlp;

    /// <summary>Images per step.</summary>
    [Params(64)]
    public int Batch { get; set; } = 64;

    /// <summary>Builds the network, checks its forward pass against ONNX Runtime and one step's loss.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network = BenchmarkNetworks.Create(Network, seed: 1);
        _sgd = new Sgd(learningRate: 0.01f, momentum: 0.9f);
        (_inputs, _labels) = MnistData.TrainingBatch(Batch);
        CorrectnessCheck.ForwardMatchesOnnxRuntime($"{Network} batch {Batch}", _network, _inputs);
        CorrectnessCheck.Finite(Network, "the first step's loss", Step());
    }

    /// <summary>Forward, loss, backward and the optimizer step.</summary>
    [Benchmark(Description = "NetGen train step")]
    public float Step()
    {
        float loss = _network.ComputeGradients(_inputs, _labels);
        _sgd.Step(_network.Parameters, _network.Gradients);
        return loss;
    }

    /// <summary>The same step on the calling thread alone (<see cref="Parallelism.MaxThreads"/> = 1).</summary>
    [Benchmark(Description = "NetGen train step, 1 thread")]
    public float Step1Thread()
    {
        int threads = Parallelism.MaxThreads;
        Parallelism.MaxThreads = 1;
        try
        {
            return Step();
        }
        finally
        {
            Parallelism.MaxThreads = threads;
        }
    }
}
