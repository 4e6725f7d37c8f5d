using BenchmarkDotNet.Attributes;
using NetGen.Onnx;

namespace NetGen.Benchmarks;

/// <summary>
/// Inference on MNIST test images: NetGen's <c>Forward</c> against ONNX Runtime running the same weights exported with
/// <c>OnnxExporter</c>, with one and with two intra-op threads. Every side reads a pinned input and writes a
/// preallocated output. NetGen runs once with its default thread count (<see cref="Parallelism.MaxThreads"/>: the
/// calling thread plus workers for large products) and once limited to the calling thread.
/// </summary>
[MemoryDiagnoser]
public class InferenceBenchmarks
{
    private INetwork _network = null!;
    private float[] _inputs = [];
    private float[] _outputs = [];
    private float[] _ortOutputs1 = [];
    private float[] _ortOutputs2 = [];
    private OnnxRuntimeRunner _ort1 = null!;
    private OnnxRuntimeRunner _ort2 = null!;

    /// <summary>The network.</summary>
    [Params(BenchmarkNetworks.Mlp, BenchmarkNetworks.LeNet)]
    public string Network { get; set; } = BenchmarkNetworks.Mlp;

    /// <summary>Images per call.</summary>
    [Params(1, 256)]
    public int Batch { get; set; } = 1;

    /// <summary>Builds both sides and checks that they agree before anything is timed.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _network = BenchmarkNetworks.Create(Network, seed: 1);
        _inputs = MnistData.TestImages(Batch);
        _outputs = new float[Batch * _network.OutputSize];
        _ortOutputs1 = new float[_outputs.Length];
        _ortOutputs2 = new float[_outputs.Length];
        byte[] model = OnnxExporter.Export(_network);
        long[] inputShape = OnnxRuntimeRunner.InputShape(_network, Batch);
        long[] outputShape = [Batch, _network.OutputSize];
        _ort1 = new OnnxRuntimeRunner(model, 1, _inputs, inputShape, _ortOutputs1, outputShape);
        _ort2 = new OnnxRuntimeRunner(model, 2, _inputs, inputShape, _ortOutputs2, outputShape);

        NetGenForward();
        OnnxRuntime1Thread();
        OnnxRuntime2Threads();
        string name = $"{Network} batch {Batch}";
        CorrectnessCheck.Compare(name + " (ORT, 1 thread)", _outputs, _ortOutputs1);
        CorrectnessCheck.Compare(name + " (ORT, 2 threads)", _outputs, _ortOutputs2);
    }

    /// <summary>Releases the ONNX Runtime sessions.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _ort1.Dispose();
        _ort2.Dispose();
    }

    /// <summary>NetGen's generated forward pass.</summary>
    [Benchmark(Baseline = true, Description = "NetGen Forward")]
    public void NetGenForward() => _network.Forward(_inputs, _outputs);

    /// <summary>NetGen's generated forward pass on the calling thread alone.</summary>
    [Benchmark(Description = "NetGen Forward, 1 thread")]
    public void NetGenForward1Thread()
    {
        int threads = Parallelism.MaxThreads;
        Parallelism.MaxThreads = 1;
        try
        {
            _network.Forward(_inputs, _outputs);
        }
        finally
        {
            Parallelism.MaxThreads = threads;
        }
    }

    /// <summary>ONNX Runtime, one intra-op thread.</summary>
    [Benchmark(Description = "ORT 1 thread")]
    public void OnnxRuntime1Thread() => _ort1.Run();

    /// <summary>ONNX Runtime, two intra-op threads.</summary>
    [Benchmark(Description = "ORT 2 threads")]
    public void OnnxRuntime2Threads() => _ort2.Run();
}
