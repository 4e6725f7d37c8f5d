using System;
using Xunit;

namespace NetGen.Gpu.Tests;

/// <summary>One ILGPU CPU accelerator shared by the tests of the collection, which run one after another.</summary>
public sealed class CpuAcceleratorFixture : IDisposable
{
    public CpuAcceleratorFixture() => Device = GpuDevice.Create(GpuAcceleratorKind.Cpu);

    public GpuDevice Device { get; }

    public void Dispose() => Device.Dispose();
}

[CollectionDefinition(Name)]
public sealed class CpuAcceleratorCollection : ICollectionFixture<CpuAcceleratorFixture>
{
    public const string Name = "CPU accelerator";
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
