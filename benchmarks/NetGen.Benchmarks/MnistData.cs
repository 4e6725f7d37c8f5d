using System;
using System.IO;
using NetGen.Data;

namespace NetGen.Benchmarks;

/// <summary>
/// The MNIST files shipped in the repository's data/mnist, found by walking up from the program's folder (BenchmarkDotNet
/// runs each benchmark from a generated project below bin/), and loaded once per process.
/// </summary>
public static class MnistData
{
    private static readonly Lazy<Dataset> Train = new(() => Mnist.Load(Directory(), train: true));
    private static readonly Lazy<Dataset> Test = new(() => Mnist.Load(Directory(), train: false));

    /// <summary>The 10,000 training images.</summary>
    public static Dataset TrainingSet => Train.Value;

    /// <summary>The first <paramref name="count"/> test images, <c>[count, 784]</c>, copied into a new array.</summary>
    public static float[] TestImages(int count) => Test.Value.Features.AsSpan(0, count * Mnist.FeatureSize).ToArray();

    /// <summary>The first <paramref name="count"/> training images and their labels, copied.</summary>
    public static (float[] Images, int[] Labels) TrainingBatch(int count) =>
        (Train.Value.Features.AsSpan(0, count * Mnist.FeatureSize).ToArray(), Train.Value.Labels!.AsSpan(0, count).ToArray());

    private static string Directory()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (DirectoryInfo? directory = new(start); directory is not null; directory = directory.Parent)
            {
                string candidate = Path.Combine(directory.FullName, "data", "mnist");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"data/mnist was not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}; run the benchmarks from the repository.");
    }
}
