using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using NetGen.Optimizers;

namespace NetGen.Tests.Serialization;

/// <summary>A fresh directory under the system's temporary folder, deleted with its contents on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-checkpoint-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>The names of the files now in the directory, sorted.</summary>
    public string[] FileNames()
    {
        string[] names = Directory.GetFileSystemEntries(Path);
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = System.IO.Path.GetFileName(names[i]);
        }

        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Builds safetensors files byte by byte, independently of the code under test.</summary>
internal static class SafeTensorsBytes
{
    /// <summary>The 8-byte little-endian length of <paramref name="header"/>, the header, then <paramref name="data"/>.</summary>
    public static byte[] File(string header, byte[] data)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        return File(json, data);
    }

    public static byte[] File(byte[] header, byte[] data)
    {
        var bytes = new byte[8 + header.Length + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }

    /// <summary>Floats little-endian.</summary>
    public static byte[] F32(params float[] values)
    {
        var bytes = new byte[4 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), values[i]);
        }

        return bytes;
    }

    /// <summary>The header length field of a file.</summary>
    public static long HeaderLength(byte[] file) => (long)BinaryPrimitives.ReadUInt64LittleEndian(file);
}

/// <summary>Deterministic training for the round-trip tests.</summary>
internal static class CheckpointTraining
{
    /// <summary>Fills a batch of inputs and targets (class probabilities or regression targets) that change with <paramref name="step"/>.</summary>
    public static (float[] Inputs, float[] Targets) Batch(INetwork network, int step, int batch = 4)
    {
        var inputs = new float[batch * network.InputSize];
        var targets = new float[batch * network.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = MathF.Sin(0.71f * i + 1.3f * step);
        }

        for (int sample = 0; sample < batch; sample++)
        {
            if (network.Loss == Loss.CrossEntropy)
            {
                targets[sample * network.OutputSize + (sample + step) % network.OutputSize] = 1f;
            }
            else
            {
                for (int j = 0; j < network.OutputSize; j++)
                {
                    targets[sample * network.OutputSize + j] = MathF.Cos(0.3f * (sample + j) + step);
                }
            }
        }

        return (inputs, targets);
    }

    /// <summary>Runs steps <paramref name="from"/> to <paramref name="to"/> (exclusive).</summary>
    public static void Train(INetwork network, IOptimizer optimizer, int from, int to)
    {
        for (int step = from; step < to; step++)
        {
            var (inputs, targets) = Batch(network, step);
            network.ComputeGradients(inputs, targets);
            optimizer.Step(network.Parameters, network.Gradients);
            network.ApplyConstraints();
        }
    }

    public static float[] State(IOptimizer optimizer, INetwork network)
    {
        var state = new float[optimizer.StateLength(network.ParameterCount)];
        optimizer.SaveState(state);
        return state;
    }

    /// <summary>The bit patterns, so that a NaN or -0 difference fails an equality assertion too.</summary>
    public static int[] Bits(ReadOnlySpan<float> values)
    {
        var bits = new int[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.SingleToInt32Bits(values[i]);
        }

        return bits;
    }
}
