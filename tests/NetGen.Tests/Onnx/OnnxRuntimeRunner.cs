using System;
using Microsoft.ML.OnnxRuntime;
using NetGen.Onnx;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>Runs an exported model in ONNX Runtime and compares its outputs with NetGen's.</summary>
internal static class OnnxRuntimeRunner
{
    /// <summary>The tolerance of every comparison: <c>|ort - netgen| &lt;= 1e-5 * (1 + |netgen|)</c>.</summary>
    public const double Tolerance = 1e-5;

    /// <summary>The input shape ONNX Runtime is given: <c>[batch, C, H, W]</c> or <c>[batch, features]</c>.</summary>
    public static long[] InputShape(INetwork network, int batch)
    {
        var shape = network.Layers[0].InputShape;
        var result = new long[shape.Count + 1];
        result[0] = batch;
        for (int i = 0; i < shape.Count; i++)
        {
            result[i + 1] = shape[i];
        }

        return result;
    }

    /// <summary>Runs <paramref name="model"/> on a batch of <paramref name="network"/>'s inputs, single-threaded.</summary>
    public static float[] Run(byte[] model, INetwork network, float[] inputs, int batch)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        using var input = OrtValue.CreateTensorValueFromMemory(inputs, InputShape(network, batch));
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [OnnxExporter.InputName], [input], [OnnxExporter.OutputName]);
        Assert.Equal([batch, network.OutputSize], results[0].GetTensorTypeAndShape().Shape);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Fails with the first element outside the tolerance, naming it.</summary>
    public static void AssertClose(string name, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, int outputSize)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs((double)actual[i] - expected[i]);
            Assert.True(
                difference <= Tolerance * (1 + Math.Abs(expected[i])),
                $"{name}: output [{i / outputSize}, {i % outputSize}] is {actual[i]} in ONNX Runtime and {expected[i]} in NetGen (difference {difference:G3})");
        }
    }
}
