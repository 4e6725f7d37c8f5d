using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// L1, BCE, BCE with logits and the perceptron loss: hand-computed values, gradients against central differences of
/// a float64 reference, extremes, and argument checks. Every Backward is given a gradient buffer full of NaN, since it
/// writes rather than accumulates.
/// </summary>
public class LossTests
{
    private delegate float BackwardFunction(ReadOnlySpan<float> outputs, ReadOnlySpan<float> targets, Span<float> dOutputs);

    // ---- Mean absolute error (torch.nn.L1Loss) ----

    [Fact]
    public void MeanAbsoluteError_HandValues_SignOfZeroIsZero()
    {
        // (|1 - 0| + |2 - 4| + |-1 - (-1)| + |3 - 2.5|) / 4 = 3.5 / 4; gradient sign(y - t) / 4.
        float[] d = Gradient(4);
        Assert.Equal(0.875f, MeanAbsoluteError.Backward([1f, 2f, -1f, 3f], [0f, 4f, -1f, 2.5f], d), 6);
        Assert.Equal([0.25f, -0.25f, 0f, 0.25f], d);
        Assert.Equal(0.875f, MeanAbsoluteError.Forward([1f, 2f, -1f, 3f], [0f, 4f, -1f, 2.5f]), 6);
    }

    [Fact]
    public void MeanAbsoluteError_Gradient_MatchesFiniteDifferences() =>
        AssertGradientMatchesFiniteDifferences(
            MeanAbsoluteError.Backward, Inputs(9, seed: 1, scale: 2f), Inputs(9, seed: 2, scale: 2f),
            (y, t) => { double s = 0; for (int i = 0; i < y.Length; i++) { s += Math.Abs(y[i] - t[i]); } return s / y.Length; });

    // ---- Binary cross-entropy on probabilities (torch.nn.BCELoss) ----

    [Fact]
    public void BinaryCrossEntropy_HandValues()
    {
        Assert.Equal(MathF.Log(2f), BinaryCrossEntropy.Forward([0.5f], [1f]), 6);

        // -(ln 0.8 + ln 0.9) / 2; gradient (y - t) / (y (1 - y) 2): -0.2 / 0.32 and 0.1 / 0.18.
        float[] d = Gradient(2);
        Assert.Equal(0.16425203f, BinaryCrossEntropy.Backward([0.8f, 0.1f], [1f, 0f], d), 6);
        Assert.Equal(-0.625f, d[0], 5);
        Assert.Equal(0.5555556f, d[1], 5);
    }

    [Fact]
    public void BinaryCrossEntropy_SaturatedOutputs_GiveClampedFiniteLossAndGradient()
    {
        // Wrong answers cost 100 each (log clamped at -100), right ones 0: (100 + 100 + 0 + 0) / 4.
        // Gradient (y - t) / (max(y (1 - y), 1e-12) * 4), as PyTorch: -2.5e11, 2.5e11, 0, 0.
        float[] d = Gradient(4);
        Assert.Equal(50f, BinaryCrossEntropy.Backward([0f, 1f, 0f, 1f], [1f, 0f, 0f, 1f], d));
        Assert.Equal([-2.5e11f, 2.5e11f, 0f, 0f], d);
        Assert.Equal(50f, BinaryCrossEntropy.Forward([0f, 1f, 0f, 1f], [1f, 0f, 0f, 1f]));
        Assert.Equal(100f, BinaryCrossEntropy.Forward([1e-44f], [1f])); // log(1e-44) = -101.3, clamped
    }

    [Fact]
    public void BinaryCrossEntropy_Gradient_MatchesFiniteDifferences()
    {
        float[] y = Inputs(8, seed: 3, scale: 0.45f);
        float[] t = Inputs(8, seed: 4, scale: 0.5f);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += 0.5f; // probabilities in (0.05, 0.95)
            t[i] = i % 3 == 2 ? t[i] + 0.5f : i % 3; // hard and soft targets
        }

        AssertGradientMatchesFiniteDifferences(BinaryCrossEntropy.Backward, y, t, (p, q) =>
        {
            double s = 0;
            for (int i = 0; i < p.Length; i++)
            {
                s -= q[i] * Math.Log(p[i]) + (1 - q[i]) * Math.Log(1 - p[i]);
            }

            return s / p.Length;
        });
    }

    [Theory]
    [InlineData(1.5f)]
    [InlineData(-0.1f)]
    public void BinaryCrossEntropy_OutputOutsideUnitInterval_NamesTheIndex(float bad)
    {
        float[] y = [0.5f, 0.2f, bad];
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BinaryCrossEntropy.Backward(y, [1f, 0f, 1f], Gradient(3)));
        Assert.Equal("outputs", e.ParamName);
        Assert.Contains("outputs[2]", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BinaryCrossEntropy.Forward(y, [1f, 0f, 1f]));
    }

    [Fact]
    public void BinaryCrossEntropy_NaNOutput_GivesANaNLoss()
    {
        // A NaN output (a diverged network) is reported as a non-finite loss, as by every other loss, not as bad input.
        Assert.True(float.IsNaN(BinaryCrossEntropy.Forward([0.5f, float.NaN], [1f, 0f])));
        Assert.True(float.IsNaN(BinaryCrossEntropy.Backward([0.5f, float.NaN], [1f, 0f], Gradient(2))));
    }

    [Fact]
    public void BinaryCrossEntropy_TargetOutsideUnitInterval_NamesTheIndex()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => BinaryCrossEntropy.Forward([0.5f, 0.5f], [1f, 3f]));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("targets[1]", e.Message);
    }

    // ---- Binary cross-entropy on logits (torch.nn.BCEWithLogitsLoss) ----

    [Fact]
    public void BinaryCrossEntropyWithLogits_HandValues()
    {
        float[] d = Gradient(1);
        Assert.Equal(MathF.Log(2f), BinaryCrossEntropyWithLogits.Backward([0f], [1f], d), 6);
        Assert.Equal(-0.5f, d[0]); // sigmoid(0) - 1

        // softplus(-2) * 0.25 + softplus(2) * 0.75 = 0.126928 * 0.25 + 2.126928 * 0.75.
        Assert.Equal(1.6269280f, BinaryCrossEntropyWithLogits.Forward([2f], [0.25f]), 6);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_HugeLogits_StayFinite()
    {
        // Right side: 0; wrong side: |z| = 1e4. Mean (0 + 0 + 1e4 + 1e4) / 4; gradient (sigmoid(z) - t) / 4.
        float[] d = Gradient(4);
        Assert.Equal(5000f, BinaryCrossEntropyWithLogits.Backward([1e4f, -1e4f, 1e4f, -1e4f], [1f, 0f, 0f, 1f], d));
        Assert.Equal([0f, 0f, 0.25f, -0.25f], d);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_InfiniteLogits_FiniteWhereTheAnswerIs()
    {
        float[] d = Gradient(2);
        Assert.Equal(0f, BinaryCrossEntropyWithLogits.Backward([float.PositiveInfinity, float.NegativeInfinity], [1f, 0f], d));
        Assert.Equal([0f, 0f], d);

        d = Gradient(3);
        Assert.Equal(float.PositiveInfinity,
            BinaryCrossEntropyWithLogits.Backward([float.PositiveInfinity, float.NegativeInfinity, float.PositiveInfinity], [0f, 1f, 0.5f], d));
        Assert.Equal([1f / 3, -1f / 3, 0.5f / 3], d);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_Gradient_MatchesFiniteDifferences()
    {
        float[] t = Inputs(10, seed: 6, scale: 0.5f);
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = i % 3 == 2 ? t[i] + 0.5f : i % 3;
        }

        AssertGradientMatchesFiniteDifferences(BinaryCrossEntropyWithLogits.Backward, Inputs(10, seed: 5, scale: 6f), t, (z, q) =>
        {
            double s = 0;
            for (int i = 0; i < z.Length; i++)
            {
                double p = 1 / (1 + Math.Exp(-z[i])); // moderate logits: the textbook form is exact enough
                s -= q[i] * Math.Log(p) + (1 - q[i]) * Math.Log(1 - p);
            }

            return s / z.Length;
        });
    }

    // ---- Perceptron loss ----

    [Fact]
    public void PerceptronLoss_HandValues_DividesByTheBatchOnly()
    {
        // Two samples of two outputs: ½ (0 + 1 + 1 + 0) / 2; gradient (y - t) / 2.
        float[] d = Gradient(4);
        Assert.Equal(0.5f, PerceptronLoss.Backward([1f, 0f, 1f, 1f], [1f, 1f, 0f, 1f], d, batch: 2));
        Assert.Equal([0f, -0.5f, 0.5f, 0f], d);
        Assert.Equal(0.5f, PerceptronLoss.Forward([1f, 0f, 1f, 1f], [1f, 1f, 0f, 1f], batch: 2));

        // Batch 1: the gradient is exactly y - t.
        d = Gradient(3);
        Assert.Equal(0.5f * (0.49f + 0.04f + 1f), PerceptronLoss.Backward([0.3f, 0.2f, 0f], [1f, 0f, 1f], d, batch: 1), 6);
        Assert.Equal([0.3f - 1f, 0.2f, -1f], d);
    }

    [Fact]
    public void PerceptronLoss_Gradient_MatchesFiniteDifferences()
    {
        const int batch = 3;
        AssertGradientMatchesFiniteDifferences(
            (y, t, d) => PerceptronLoss.Backward(y, t, d, batch), Inputs(12, seed: 7, scale: 2f), Inputs(12, seed: 8, scale: 1f),
            (y, t) => { double s = 0; for (int i = 0; i < y.Length; i++) { s += 0.5 * (t[i] - y[i]) * (t[i] - y[i]); } return s / batch; });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(4)]
    public void PerceptronLoss_BatchMustDivideTheOutputs(int batch)
    {
        var e = Assert.Throws<ArgumentException>(() => PerceptronLoss.Backward(new float[6], new float[6], new float[6], batch));
        Assert.Contains($"batch {batch}", e.Message);
        Assert.Throws<ArgumentException>(() => PerceptronLoss.Forward(new float[6], new float[6], batch));
    }

    // ---- Shared checks ----

    [Fact]
    public void EveryLoss_RejectsMismatchedOrEmptyBuffers()
    {
        BackwardFunction[] losses =
        [
            MeanAbsoluteError.Backward, BinaryCrossEntropy.Backward, BinaryCrossEntropyWithLogits.Backward,
            (y, t, d) => PerceptronLoss.Backward(y, t, d, 1),
        ];
        foreach (BackwardFunction loss in losses)
        {
            Assert.Throws<ArgumentException>(() => loss(new float[3], new float[2], new float[3]));
            Assert.Throws<ArgumentException>(() => loss(new float[3], new float[3], new float[4]));
            Assert.Throws<ArgumentException>(() => loss([], [], []));
        }

        Assert.Throws<ArgumentException>(() => MeanAbsoluteError.Forward(new float[3], new float[2]));
        Assert.Throws<ArgumentException>(() => BinaryCrossEntropy.Forward([], []));
        var e = Assert.Throws<ArgumentException>(() => BinaryCrossEntropyWithLogits.Forward(new float[2], new float[3]));
        Assert.Contains("got 2, 3", e.Message);
    }

    /// <summary>Backward's loss equals Forward's, and its gradient equals central differences of the float64 reference.</summary>
    private static void AssertGradientMatchesFiniteDifferences(
        BackwardFunction backward, float[] outputs, float[] targets, Func<double[], double[], double> reference)
    {
        double[] y = Array.ConvertAll(outputs, v => (double)v), t = Array.ConvertAll(targets, v => (double)v);
        float[] d = Gradient(outputs.Length);
        float loss = backward(outputs, targets, d);
        double expectedLoss = reference(y, t);
        Assert.True(Math.Abs(loss - expectedLoss) <= 1e-6 * Math.Abs(expectedLoss) + 1e-7, $"loss {loss}, reference {expectedLoss}");
        for (int i = 0; i < y.Length; i++)
        {
            const double h = 1e-6;
            double saved = y[i];
            y[i] = saved + h;
            double plus = reference(y, t);
            y[i] = saved - h;
            double minus = reference(y, t);
            y[i] = saved;
            double expected = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(d[i] - expected) <= 1e-5 * Math.Abs(expected) + 1e-7,
                $"gradient [{i}] at y {outputs[i]}, t {targets[i]}: {d[i]}, finite differences {expected}");
        }
    }

    private static float[] Inputs(int count, int seed, float scale) => NetworkNumericsTests.RandomValues(count, seed, scale);

    private static float[] Gradient(int length)
    {
        float[] d = new float[length];
        d.AsSpan().Fill(float.NaN);
        return d;
    }
}
