using System;
using System.Linq;
using NetGen.Tests.Networks;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// Generated forward and backward passes against the float64 reference: outputs directly, gradients against central
/// finite differences of the reference loss.
/// </summary>
public class NetworkNumericsTests
{
    private const int Batch = 3;

    [Theory]
    [MemberData(nameof(NetworkCatalog.Names), MemberType = typeof(NetworkCatalog))]
    public void Sizes_MatchTheDefinition(string name)
    {
        (Func<int, INetwork> create, ReferenceNetwork reference) = NetworkCatalog.All[name];
        INetwork network = create(1);
        Assert.Equal(reference.InputSize, network.InputSize);
        Assert.Equal(reference.OutputSize, network.OutputSize);
        Assert.Equal(reference.ParameterCount, network.ParameterCount);
        Assert.Equal(reference.ParameterCount, network.Parameters.Length);
        Assert.Equal(reference.ParameterCount, network.Gradients.Length);
        Assert.Equal(reference.Loss, network.Loss);
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.Names), MemberType = typeof(NetworkCatalog))]
    public void Forward_MatchesReference(string name)
    {
        (Func<int, INetwork> create, ReferenceNetwork reference) = NetworkCatalog.All[name];
        INetwork network = create(7);
        RandomizeBiases(network, seed: 3);
        float[] inputs = RandomValues(Batch * network.InputSize, seed: 11, scale: 2f);
        float[] outputs = new float[Batch * network.OutputSize];
        network.Forward(inputs, outputs);

        double[] parameters = ToDouble(network.Parameters);
        for (int b = 0; b < Batch; b++)
        {
            double[] expected = reference.Forward(parameters, ToDouble(inputs.AsSpan(b * network.InputSize, network.InputSize)));
            for (int o = 0; o < expected.Length; o++)
            {
                Assert.True(Math.Abs(outputs[b * network.OutputSize + o] - expected[o]) <= 1e-5 * (1 + Math.Abs(expected[o])),
                    $"{name}: output [{b}, {o}] is {outputs[b * network.OutputSize + o]}, reference {expected[o]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.Names), MemberType = typeof(NetworkCatalog))]
    public void ComputeGradients_FloatTargets_MatchFiniteDifferences(string name)
    {
        (Func<int, INetwork> create, ReferenceNetwork reference) = NetworkCatalog.All[name];
        INetwork network = create(5);
        RandomizeBiases(network, seed: 4);
        float[] inputs = RandomValues(Batch * network.InputSize, seed: 12, scale: 1.5f);
        float[] targets = Targets(reference.Loss, Batch, network.OutputSize, seed: 13);

        float loss = network.ComputeGradients(inputs, targets);

        double[] parameters = ToDouble(network.Parameters);
        double[] x = ToDouble(inputs), t = ToDouble(targets);
        double expectedLoss = reference.MeanLoss(parameters, x, t);
        Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5 * (1 + Math.Abs(expectedLoss)), $"{name}: loss {loss}, reference {expectedLoss}");
        AssertGradient(name, network.Gradients, ReferenceNetwork.FiniteDifferences(parameters, p => reference.MeanLoss(p, x, t)));
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.CrossEntropyNames), MemberType = typeof(NetworkCatalog))]
    public void ComputeGradients_Labels_MatchFiniteDifferences(string name)
    {
        (Func<int, INetwork> create, ReferenceNetwork reference) = NetworkCatalog.All[name];
        INetwork network = create(6);
        RandomizeBiases(network, seed: 5);
        float[] inputs = RandomValues(Batch * network.InputSize, seed: 14, scale: 1.5f);
        int[] labels = [2, 0, 1];

        float loss = network.ComputeGradients(inputs, labels);

        double[] parameters = ToDouble(network.Parameters);
        double[] x = ToDouble(inputs);
        double expectedLoss = reference.MeanLoss(parameters, x, labels);
        Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5 * (1 + Math.Abs(expectedLoss)), $"{name}: loss {loss}, reference {expectedLoss}");
        AssertGradient(name, network.Gradients, ReferenceNetwork.FiniteDifferences(parameters, p => reference.MeanLoss(p, x, labels)));
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.Names), MemberType = typeof(NetworkCatalog))]
    public void ComputeGradients_OverwritesInsteadOfAccumulating(string name)
    {
        INetwork network = NetworkCatalog.All[name].Create(8);
        float[] inputs = RandomValues(Batch * network.InputSize, seed: 15, scale: 1f);
        float[] targets = Targets(network.Loss, Batch, network.OutputSize, seed: 16);
        float first = network.ComputeGradients(inputs, targets);
        float[] once = network.Gradients.ToArray();
        float second = network.ComputeGradients(inputs, targets);
        Assert.Equal(first, second);
        Assert.Equal(once, network.Gradients.ToArray());
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.Names), MemberType = typeof(NetworkCatalog))]
    public void Forward_Batched_EqualsOneSampleAtATime(string name)
    {
        INetwork network = NetworkCatalog.All[name].Create(9);
        int n = network.InputSize, m = network.OutputSize;
        float[] inputs = RandomValues(5 * n, seed: 17, scale: 1f);
        float[] batched = new float[5 * m];
        network.Forward(inputs, batched);
        float[] single = new float[m];
        for (int b = 0; b < 5; b++)
        {
            network.Forward(inputs.AsSpan(b * n, n), single);
            Assert.Equal(batched.AsSpan(b * m, m).ToArray(), single);
        }
    }

    [Theory]
    [MemberData(nameof(NetworkCatalog.Names), MemberType = typeof(NetworkCatalog))]
    public void ComputeGradients_BatchIsMeanOfSamples(string name)
    {
        INetwork network = NetworkCatalog.All[name].Create(10);
        int n = network.InputSize, m = network.OutputSize;
        float[] inputs = RandomValues(2 * n, seed: 18, scale: 1f);
        float[] targets = Targets(network.Loss, 2, m, seed: 19);
        float batchLoss = network.ComputeGradients(inputs, targets);
        double[] batchGradient = ToDouble(network.Gradients);

        var mean = new double[network.ParameterCount];
        double meanLoss = 0;
        for (int b = 0; b < 2; b++)
        {
            meanLoss += network.ComputeGradients(inputs.AsSpan(b * n, n), targets.AsSpan(b * m, m)) / 2.0;
            for (int i = 0; i < mean.Length; i++)
            {
                mean[i] += network.Gradients[i] / 2.0;
            }
        }

        Assert.Equal(meanLoss, batchLoss, 5);
        for (int i = 0; i < mean.Length; i++)
        {
            Assert.True(Math.Abs(mean[i] - batchGradient[i]) <= 1e-6 + 1e-5 * Math.Abs(mean[i]), $"{name}: gradient {i}");
        }
    }

    internal static void AssertGradient(string name, ReadOnlySpan<float> actual, double[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1e-3, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
        {
            // float32 backward vs float64 finite differences (step 1e-6, error ~1e-10): float rounding dominates.
            double tolerance = 2e-5 * scale + 1e-3 * Math.Abs(expected[i]);
            Assert.True(Math.Abs(actual[i] - expected[i]) <= tolerance,
                $"{name}: gradient [{i}] is {actual[i]}, finite differences give {expected[i]} (tolerance {tolerance:G3})");
        }

        Assert.Contains(expected, g => Math.Abs(g) > 1e-4); // the comparison is not vacuous
    }

    internal static float[] RandomValues(int count, int seed, float scale)
    {
        var random = new SeededRandom(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.NextSymmetric(scale);
        }

        return values;
    }

    /// <summary>Targets each loss accepts: class probabilities, values in [0, 1] for BCE, signed values otherwise.</summary>
    private static float[] Targets(Loss loss, int batch, int outputs, int seed)
    {
        switch (loss)
        {
            case Loss.CrossEntropy:
                return SoftTargets(batch, outputs, seed);
            case Loss.BCE:
            case Loss.BCEWithLogits:
                float[] values = RandomValues(batch * outputs, seed, 0.5f);
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] += 0.5f;
                }

                return values;
            default:
                return RandomValues(batch * outputs, seed, 1f);
        }
    }

    private static float[] SoftTargets(int batch, int classes, int seed)
    {
        float[] values = RandomValues(batch * classes, seed, 1f);
        for (int b = 0; b < batch; b++)
        {
            Span<float> row = values.AsSpan(b * classes, classes);
            float sum = 0;
            for (int c = 0; c < classes; c++)
            {
                row[c] = MathF.Abs(row[c]) + 0.05f;
                sum += row[c];
            }

            for (int c = 0; c < classes; c++)
            {
                row[c] /= sum;
            }
        }

        return values;
    }

    /// <summary>Biases start at zero; give them values so their part of the forward pass is exercised.</summary>
    private static void RandomizeBiases(INetwork network, int seed)
    {
        var random = new SeededRandom(seed);
        Span<float> p = network.Parameters;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] == 0f)
            {
                p[i] = random.NextSymmetric(0.5f);
            }
        }
    }

    internal static double[] ToDouble(ReadOnlySpan<float> values)
    {
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = values[i];
        }

        return result;
    }
}
