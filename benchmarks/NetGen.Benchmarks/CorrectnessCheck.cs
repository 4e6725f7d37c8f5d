using System;
using System.Globalization;
using NetGen.Onnx;

namespace NetGen.Benchmarks;

/// <summary>
/// Run by every benchmark's GlobalSetup before anything is timed: the network's <c>Forward</c> and ONNX Runtime on the
/// exported model must agree within <see cref="Tolerance"/>, or the benchmark throws and is reported as failed.
/// </summary>
public static class CorrectnessCheck
{
    /// <summary><c>|ort - netgen| &lt;= Tolerance * (1 + |netgen|)</c> for every output.</summary>
    public const double Tolerance = 1e-4;

    /// <summary>Compares Forward with ONNX Runtime (one thread) on <paramref name="inputs"/>; returns the largest difference.</summary>
    /// <exception cref="InvalidOperationException">An output differs by more than the tolerance.</exception>
    public static double ForwardMatchesOnnxRuntime(string name, INetwork network, float[] inputs)
    {
        int batch = inputs.Length / network.InputSize;
        var expected = new float[batch * network.OutputSize];
        var actual = new float[expected.Length];
        network.Forward(inputs, expected);
        using (var runner = new OnnxRuntimeRunner(
            OnnxExporter.Export(network), 1, inputs, OnnxRuntimeRunner.InputShape(network, batch), actual, [batch, network.OutputSize]))
        {
            runner.Run();
        }

        return Compare(name, expected, actual);
    }

    /// <summary>Checks two outputs element by element; returns the largest absolute difference.</summary>
    /// <exception cref="InvalidOperationException">An element differs by more than the tolerance, or is not finite.</exception>
    public static double Compare(string name, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        double largest = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs((double)actual[i] - expected[i]);
            if (!(difference <= Tolerance * (1 + Math.Abs(expected[i]))))
            {
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name}: output {i} is {expected[i]} in NetGen and {actual[i]} in ONNX Runtime; the benchmark would time a wrong result."));
            }

            largest = Math.Max(largest, difference);
        }

        return largest;
    }

    /// <summary>Throws unless <paramref name="value"/> is finite.</summary>
    public static void Finite(string name, string what, float value)
    {
        if (!float.IsFinite(value))
        {
            throw new InvalidOperationException($"{name}: {what} is {value}.");
        }
    }
}
