using System;
using System.Numerics;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// Each activation operator against its float64 reference: the forward over every length 0..40 (vector body and
/// tail) and at extreme inputs, and the output-based derivative against central differences of <c>f</c> at <c>z</c>,
/// so the formula in terms of <c>y</c> is checked independently of itself.
/// </summary>
public class ActivationOperatorTests
{
    /// <summary>Float32 results of transcendental functions, a few ulps; far below float32, an absolute floor.</summary>
    internal const double ForwardRelative = 2e-6, ForwardAbsolute = 1e-37;

    /// <summary>
    /// An output-based derivative inherits the rounding of <c>y</c>: near <c>y = -alpha</c> (ELU) or <c>|y| = pi/2</c>
    /// (ArcTan) half an ulp of <c>y</c>, about 6e-8, becomes an absolute error of the derivative.
    /// </summary>
    internal const double DerivativeRelative = 2e-6, DerivativeAbsolute = 2e-7;

    private const int MaxLength = 40;
    private const float Sentinel = 12345.5f;

    private static readonly float[] Extremes =
    [
        float.NegativeInfinity, -1e4f, -100f, -30f, -20.5f, -20f, -10.1f, -5f, -1f, -1e-3f, -1e-7f, -0f, 0f,
        1e-7f, 1e-3f, 1f, 5f, 9.9f, 10.1f, 19.9f, 20f, 20.5f, 39.9f, 40.5f, 100f, 1e4f, float.PositiveInfinity,
    ];

    public static TheoryData<string> Names => ActivationCases.Names;

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_EveryLength_MatchesReference_AndWritesOnlyItsSpan(string name)
    {
        ActivationCase activation = ActivationCases.Get(name);
        for (int length = 0; length <= MaxLength; length++)
        {
            float[] z = Inputs(activation, length, seed: length);
            float[] buffer = new float[length + 3];
            buffer.AsSpan().Fill(Sentinel);
            z.CopyTo(buffer, 1);
            activation.Forward(buffer.AsSpan(1, length));

            Assert.Equal(Sentinel, buffer[0]);
            Assert.Equal(Sentinel, buffer[length + 1]);
            for (int i = 0; i < length; i++)
            {
                AssertForward(activation, z[i], buffer[i + 1], $"length {length}, index {i}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Forward_Extremes_MatchReference_OnVectorAndScalarPaths(string name)
    {
        ActivationCase activation = ActivationCases.Get(name);
        float[] all = (float[])Extremes.Clone();
        activation.Forward(all); // vector body, then the tail
        for (int i = 0; i < Extremes.Length; i++)
        {
            float z = Extremes[i];
            AssertForward(activation, z, all[i], "in one span");

            float[] single = [z];
            activation.Forward(single); // scalar loop only
            AssertForward(activation, z, single[0], "alone");

            float[] broadcast = new float[Vector<float>.Count];
            broadcast.AsSpan().Fill(z);
            activation.Forward(broadcast); // vector body only, where vectors are accelerated
            AssertForward(activation, z, broadcast[0], "in a full vector");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Backward_EveryLength_MatchesFiniteDifferencesAtZ(string name)
    {
        ActivationCase activation = ActivationCases.Get(name);
        for (int length = 0; length <= MaxLength; length++)
        {
            float[] z = Inputs(activation, length, seed: 100 + length);
            float[] y = (float[])z.Clone();
            activation.Forward(y);
            float[] g = NetworkNumericsTests.RandomValues(length, seed: 200 + length, scale: 2f);
            float[] dz = (float[])g.Clone();
            activation.Backward(y, dz);
            for (int i = 0; i < length; i++)
            {
                double expected = g[i] * (activation.Differentiable ? activation.FiniteDifference(z[i]) : activation.ReferenceDerivative(z[i]));
                Assert.True(
                    Math.Abs(dz[i] - expected) <= DerivativeRelative * Math.Abs(expected) + DerivativeAbsolute * Math.Abs(g[i]),
                    $"{name} length {length} index {i}: z {z[i]}, y {y[i]}, g {g[i]}: dz {dz[i]}, finite differences {expected}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Derivative_Extremes_MatchAnalyticDerivative_OnVectorAndScalarPaths(string name)
    {
        ActivationCase activation = ActivationCases.Get(name);
        float[] y = (float[])Extremes.Clone();
        activation.Forward(y);
        float[] dz = new float[y.Length];
        dz.AsSpan().Fill(1f);
        activation.Backward(y, dz);
        for (int i = 0; i < Extremes.Length; i++)
        {
            double expected = activation.ReferenceDerivative(Extremes[i]);
            AssertDerivative(expected, dz[i], $"{name} at z = {Extremes[i]} (y = {y[i]}), in one span");
            AssertDerivative(expected, activation.Derivative(y[i]), $"{name} at z = {Extremes[i]} (y = {y[i]}), scalar");
            AssertDerivative(expected, activation.Derivative(new Vector<float>(y[i]))[0], $"{name} at z = {Extremes[i]} (y = {y[i]}), vector");
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void VectorDerivative_AgreesWithScalarDerivative_InEveryLane(string name)
    {
        ActivationCase activation = ActivationCases.Get(name);
        int count = Vector<float>.Count;
        float[] z = [.. Extremes, .. Inputs(activation, 5 * count, seed: 7)];
        float[] y = (float[])z.Clone();
        activation.Forward(y);
        int whole = y.Length / count * count;
        for (int start = 0; start < whole; start += count)
        {
            Vector<float> vector = activation.Derivative(new Vector<float>(y, start));
            for (int lane = 0; lane < count; lane++)
            {
                float scalar = activation.Derivative(y[start + lane]);
                Assert.True(
                    Math.Abs(vector[lane] - scalar) <= 1e-6 * Math.Abs(scalar) + 1e-9 || (float.IsNaN(scalar) && float.IsNaN(vector[lane])),
                    $"{name} at y = {y[start + lane]}: vector {vector[lane]}, scalar {scalar}");
            }
        }
    }

    [Fact]
    public void BinaryStep_PassesGradientsStraightThrough()
    {
        float[] y = [0f, 1f, 0f, 1f, 1f, 0f, 0f, 1f, 1f, 0f, 1f];
        float[] g = NetworkNumericsTests.RandomValues(y.Length, seed: 3, scale: 1f);
        float[] dz = (float[])g.Clone();
        ActivationLoops.Backward(new BinaryStepOperator(), y, dz);
        Assert.Equal(g, dz);
    }

    [Fact]
    public void OutputBasedDerivatives_UsePyTorchsValueAtZero()
    {
        Assert.Equal(0.2f, new LeakyReLUOperator(0.2f).Derivative(0f)); // torch: grad * negative_slope where z <= 0
        Assert.Equal(0.5f, new ELUOperator(0.5f).Derivative(0f)); // torch: alpha * exp(0)
        Assert.Equal(0.5f, new SoftPlusOperator(2f).Derivative(MathF.Log(2f) / 2f), 6); // sigmoid(0)
        Assert.Equal(1f, new ArcTanOperator().Derivative(0f));
    }

    [Fact]
    public void Defaults_ArePyTorchs()
    {
        Assert.Equal(0.01f, LeakyReLUOperator.DefaultSlope);
        Assert.Equal(1f, ELUOperator.DefaultAlpha);
        Assert.Equal(1f, SoftPlusOperator.DefaultBeta);
        Assert.Equal(20f, SoftPlusOperator.Threshold);
        Assert.Equal(0.2f, new LeakyReLUOperator(0.2f).Slope);
        Assert.Equal(0.5f, new ELUOperator(0.5f).Alpha);
        Assert.Equal(2f, new SoftPlusOperator(2f).Beta);
    }

    [Theory]
    [InlineData(-0.01f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void LeakyReLU_RejectsSlopesTheOutputCannotInvert(float slope)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new LeakyReLUOperator(slope));
        Assert.Equal("slope", e.ParamName);
    }

    [Theory]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.NegativeInfinity)]
    public void ELU_RejectsNegativeOrNonFiniteAlpha(float alpha)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ELUOperator(alpha));
        Assert.Equal("alpha", e.ParamName);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void SoftPlus_RejectsNonPositiveOrNonFiniteBeta(float beta)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SoftPlusOperator(beta));
        Assert.Equal("beta", e.ParamName);
    }

    internal static void AssertForward(ActivationCase activation, float z, float actual, string where)
    {
        double expected = activation.Function(z);
        bool ok = double.IsNaN(expected) ? float.IsNaN(actual)
            : double.IsInfinity(expected) ? actual == expected
            : Math.Abs(actual - expected) <= ForwardRelative * Math.Abs(expected) + ForwardAbsolute;
        Assert.True(ok, $"{activation.Name}({z}) {where}: {actual}, reference {expected}");
    }

    internal static void AssertDerivative(double expected, float actual, string where) =>
        Assert.True(
            Math.Abs(actual - expected) <= DerivativeRelative * Math.Abs(expected) + DerivativeAbsolute,
            $"{where}: derivative {actual}, reference {expected}");

    /// <summary>
    /// Inputs at three scales (±1.5, ±6, ±30, so both sides of every kink and SoftPlus's threshold are reached),
    /// moved away from the kinks by more than the finite-difference step.
    /// </summary>
    private static float[] Inputs(ActivationCase activation, int length, int seed)
    {
        float[] z = NetworkNumericsTests.RandomValues(length, seed, scale: 1f);
        for (int i = 0; i < length; i++)
        {
            z[i] *= (i % 3) switch { 0 => 1.5f, 1 => 6f, _ => 30f };
            foreach (double kink in activation.Kinks)
            {
                if (Math.Abs(z[i] - kink) < 0.05)
                {
                    z[i] = (float)(kink + 0.1);
                }
            }
        }

        return z;
    }
}
