using BenchmarkDotNet.Attributes;
using NetGen.Data;
using NetGen.Optimizers;

namespace NetGen.Benchmarks;

/// <summary>
/// A whole epoch on the 10,000 MNIST training images shipped in data/mnist: reshuffle, then batches of 64 (the last one
/// 16), each a <c>ComputeGradients</c> and an SGD step with momentum 0.9, as <c>Trainer.Fit</c> does without its
/// bookkeeping. The Samples/s column divides the 10,000 images by the median epoch time.
/// </summary>
[MemoryDiagnoser]
public class TrainingEpochBenchmarks
{
    private const int BatchSize = 64;

    private INetwork _network = null!;
    private Sgd _sgd = null!;
    private MiniBatches _batches = null!;

    /// <summary>The network.</summary>
    [Params(BenchmarkNetworks.Mlp, BenchmarkNetworks.LeNet)]
    public string Network { get; set; } = BenchmarkNetworks.Mlp;

    /// <summary>Images per epoch (the whole shipped training set).</summary>
    [Params(10_000)]
    public int Samples { get; set; } = 10_000;

    /// <summary>Loads the data and checks the network's forward pass against ONNX Runtime.</summary>
    [GlobalSetup]
    public void Setup()
    {
        Dataset train = MnistData.TrainingSet;
        if (train.Count != Samples)
        {
            throw new System.InvalidOperationException($"data/mnist holds {train.Count} training images, not {Samples}.");
        }

        _network = BenchmarkNetworks.Create(Network, seed: 1);
        _sgd = new Sgd(learningRate: 0.01f, momentum: 0.9f);
        _batches = new MiniBatches(train, BatchSize, seed: 1);
        CorrectnessCheck.ForwardMatchesOnnxRuntime($"{Network} batch {BatchSize}", _network, MnistData.TrainingBatch(BatchSize).Images);
    }

    /// <summary>One epoch; returns the last batch's loss.</summary>
    [Benchmark(Description = "NetGen train epoch")]
    public float Epoch()
    {
        float loss = 0;
        _batches.NextEpoch();
        while (_batches.MoveNext())
        {
            loss = _network.ComputeGradients(_batches.Inputs, _batches.Labels);
            _sgd.Step(_network.Parameters, _network.Gradients);
        }

        return loss;
    }
}
