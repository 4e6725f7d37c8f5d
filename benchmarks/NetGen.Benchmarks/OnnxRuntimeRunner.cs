using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime;
using NetGen.Onnx;

namespace NetGen.Benchmarks;

/// <summary>
/// An ONNX Runtime session set up so that a run costs as little managed work as possible: the input and output are
/// OrtValues over pinned arrays created once, bound once through an <see cref="OrtIoBinding"/>, and each
/// <see cref="Run"/> is one <c>RunWithBinding</c> call. ONNX Runtime's own native allocations are not visible to
/// BenchmarkDotNet's memory diagnoser, which counts managed allocations only.
/// </summary>
public sealed class OnnxRuntimeRunner : IDisposable
{
    private readonly SessionOptions _options;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions;
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtIoBinding _binding;

    /// <summary>
    /// A session on <paramref name="model"/> with <paramref name="threads"/> intra-op threads (sequential execution,
    /// every graph optimisation), reading <paramref name="inputs"/> and writing <paramref name="outputs"/> in place.
    /// </summary>
    public OnnxRuntimeRunner(byte[] model, int threads, float[] inputs, long[] inputShape, float[] outputs, long[] outputShape)
    {
        _options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, _options);
        _runOptions = new RunOptions();
        _input = OrtValue.CreateTensorValueFromMemory(inputs, inputShape);
        _output = OrtValue.CreateTensorValueFromMemory(outputs, outputShape);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(OnnxExporter.InputName, _input);
        _binding.BindOutput(OnnxExporter.OutputName, _output);
    }

    /// <summary>The ORT input shape of a batch: <c>[batch, C, H, W]</c> or <c>[batch, features]</c>.</summary>
    public static long[] InputShape(INetwork network, int batch)
    {
        IReadOnlyList<int> shape = network.Layers[0].InputShape;
        var result = new long[shape.Count + 1];
        result[0] = batch;
        for (int i = 0; i < shape.Count; i++)
        {
            result[i + 1] = shape[i];
        }

        return result;
    }

    /// <summary>Runs the model on the bound input, into the bound output.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <inheritdoc/>
    public void Dispose()
    {
        _binding.Dispose();
        _output.Dispose();
        _input.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _options.Dispose();
    }
}
