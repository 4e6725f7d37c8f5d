using System;
using Xunit;

namespace NetGen.Gpu.Tests;

/// <summary>
/// One accelerator shared by the tests of the collection, which run one after another: ILGPU's CPU accelerator unless
/// <c>NETGEN_ACCELERATOR</c> (<c>cuda</c>, <c>opencl</c>, <c>cpu</c> or <c>auto</c>) asks for another, as on a machine
/// with a GPU. An explicit kind that cannot be opened fails every test rather than falling back to the CPU.
/// </summary>
public sealed class AcceleratorFixture : IDisposable
{
    public AcceleratorFixture() => Device = string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(GpuDevice.EnvironmentVariable))
        ? GpuDevice.Create(GpuAcceleratorKind.Cpu)
        : GpuDevice.Create(GpuAcceleratorKind.Auto);

    public GpuDevice Device { get; }

    public void Dispose() => Device.Dispose();
}

[CollectionDefinition(Name)]
public sealed class AcceleratorCollection : ICollectionFixture<AcceleratorFixture>
{
    public const string Name = "accelerator";
}

internal static class TestData
{
    public static float[] Uniform(int count, int seed, float scale = 1f)
    {
        var random = new Random(seed);
        float[] values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = (2f * random.NextSingle() - 1f) * scale;
        }

        return values;
    }

    public static int[] Labels(int count, int classes, int seed)
    {
        var random = new Random(seed);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = random.Next(classes);
        }

        return labels;
    }

    /// <summary>Asserts |expected - actual| &lt;= absolute + relative · |expected| for every value, naming the first that is not.</summary>
    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float absolute, float relative, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float bound = absolute + relative * MathF.Abs(expected[i]);
            if (!(MathF.Abs(expected[i] - actual[i]) <= bound))
            {
                Assert.Fail($"{what}[{i}]: expected {expected[i]}, got {actual[i]} (tolerance {bound}).");
            }
        }
    }
}
