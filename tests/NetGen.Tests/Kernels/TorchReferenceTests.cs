using System;
using System.Text.Json;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The activations, softmax and losses against values PyTorch computed (see <see cref="ActivationLossReference"/>):
/// same inputs, float64 on PyTorch's side, float32 kernels on ours.
/// </summary>
public class TorchReferenceTests
{
    public static TheoryData<string> ActivationNames => new(ActivationLossReference.Names("activations"));

    public static TheoryData<string> LossNames => new(ActivationLossReference.Names("losses"));

    [Theory]
    [MemberData(nameof(ActivationNames))]
    public void Activation_MatchesTorch(string name)
    {
        JsonElement fixture = ActivationLossReference.Activation(name);
        ActivationCase activation = Create(fixture);
        float[] z = ActivationLossReference.Floats(fixture.GetProperty("z"));
        double[] expected = ActivationLossReference.Doubles(fixture.GetProperty("y"));

        float[] y = (float[])z.Clone();
        activation.Forward(y);
        for (int i = 0; i < z.Length; i++)
        {
            float[] single = [z[i]];
            activation.Forward(single);
            AssertClose(expected[i], y[i], ActivationOperatorTests.ForwardRelative, ActivationOperatorTests.ForwardAbsolute, $"{name}({z[i]})");
            AssertClose(expected[i], single[0], ActivationOperatorTests.ForwardRelative, ActivationOperatorTests.ForwardAbsolute, $"{name}({z[i]}) alone");
        }

        JsonElement dydz = fixture.GetProperty("dydz");
        if (dydz.ValueKind == JsonValueKind.Null)
        {
            return; // torch.heaviside has no derivative; BinaryStep's surrogate is tested on its own
        }

        double[] expectedDerivative = ActivationLossReference.Doubles(dydz);
        float[] dz = new float[y.Length];
        dz.AsSpan().Fill(1f);
        activation.Backward(y, dz);
        for (int i = 0; i < z.Length; i++)
        {
            string where = $"{name}'({z[i]}) from y = {y[i]}";
            AssertClose(expectedDerivative[i], dz[i], ActivationOperatorTests.DerivativeRelative, ActivationOperatorTests.DerivativeAbsolute, where);
            AssertClose(expectedDerivative[i], activation.Derivative(y[i]), ActivationOperatorTests.DerivativeRelative, ActivationOperatorTests.DerivativeAbsolute, where + " scalar");
        }
    }

    [Fact]
    public void Softmax_MatchesTorch()
    {
        JsonElement fixture = ActivationLossReference.Root.GetProperty("softmax");
        int batch = fixture.GetProperty("batch").GetInt32(), classes = fixture.GetProperty("classes").GetInt32();
        float[] y = ActivationLossReference.Floats(fixture.GetProperty("z"));
        Softmax.Forward(y, batch, classes);
        AssertAllClose(ActivationLossReference.Doubles(fixture.GetProperty("y")), y, 1e-6, 1e-7, "softmax");

        float[] d = ActivationLossReference.Floats(fixture.GetProperty("dout"));
        Softmax.Backward(y, d, batch, classes);
        AssertAllClose(ActivationLossReference.Doubles(fixture.GetProperty("dz")), d, 1e-6, 1e-6, "softmax backward");
    }

    [Theory]
    [MemberData(nameof(LossNames))]
    public void Loss_MatchesTorch(string name)
    {
        JsonElement fixture = ActivationLossReference.Loss(name);
        float[] outputs = ActivationLossReference.Floats(fixture.GetProperty("outputs"));
        float[] targets = ActivationLossReference.Floats(fixture.GetProperty("targets"));
        double expected = ActivationLossReference.Number(fixture.GetProperty("value"));
        double[] expectedGradient = ActivationLossReference.Doubles(fixture.GetProperty("grad"));
        int batch = fixture.TryGetProperty("batch", out JsonElement b) ? b.GetInt32() : 0;
        float[] gradient = new float[outputs.Length];
        gradient.AsSpan().Fill(float.NaN); // Backward writes; it does not accumulate

        (float forward, float backward) = fixture.GetProperty("loss").GetString() switch
        {
            "MeanAbsoluteError" => (MeanAbsoluteError.Forward(outputs, targets), MeanAbsoluteError.Backward(outputs, targets, gradient)),
            "BinaryCrossEntropy" => (BinaryCrossEntropy.Forward(outputs, targets), BinaryCrossEntropy.Backward(outputs, targets, gradient)),
            "BinaryCrossEntropyWithLogits" => (BinaryCrossEntropyWithLogits.Forward(outputs, targets), BinaryCrossEntropyWithLogits.Backward(outputs, targets, gradient)),
            "PerceptronLoss" => (PerceptronLoss.Forward(outputs, targets, batch), PerceptronLoss.Backward(outputs, targets, gradient, batch)),
            var other => throw new InvalidOperationException($"No loss named {other}."),
        };

        AssertClose(expected, forward, 1e-6, 1e-7, $"{name} Forward");
        AssertClose(expected, backward, 1e-6, 1e-7, $"{name} Backward");
        AssertAllClose(expectedGradient, gradient, 1e-6, 1e-9, $"{name} gradient");
    }

    private static ActivationCase Create(JsonElement fixture)
    {
        JsonElement options = fixture.GetProperty("options");
        bool defaults = fixture.GetProperty("defaults").GetBoolean();
        switch (fixture.GetProperty("operator").GetString())
        {
            case "BinaryStep":
                return ActivationCases.BinaryStep();
            case "ArcTan":
                return ActivationCases.ArcTan();
            case "LeakyReLU":
                return ActivationCases.LeakyReLU(Option(options, "negative_slope", defaults, LeakyReLUOperator.DefaultSlope));
            case "ELU":
                return ActivationCases.ELU(Option(options, "alpha", defaults, ELUOperator.DefaultAlpha));
            case "SoftPlus":
                Assert.Equal(SoftPlusOperator.Threshold, (float)options.GetProperty("threshold").GetDouble());
                return ActivationCases.SoftPlus(Option(options, "beta", defaults, SoftPlusOperator.DefaultBeta));
            case string other:
                throw new InvalidOperationException($"No activation named {other}.");
            default:
                throw new InvalidOperationException("The case names no operator.");
        }
    }

    /// <summary>The torch option as a float; for a defaults case, NetGen's default, which must be torch's.</summary>
    private static float Option(JsonElement options, string name, bool defaults, float netGenDefault)
    {
        float torch = (float)options.GetProperty(name).GetDouble();
        if (defaults)
        {
            Assert.Equal(torch, netGenDefault);
            return netGenDefault;
        }

        return torch;
    }

    private static void AssertAllClose(double[] expected, float[] actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertClose(expected[i], actual[i], relative, absolute, $"{what}[{i}]");
        }
    }

    private static void AssertClose(double expected, float actual, double relative, double absolute, string what)
    {
        bool ok = double.IsNaN(expected) ? float.IsNaN(actual)
            : double.IsInfinity(expected) ? actual == expected
            : Math.Abs(actual - expected) <= relative * Math.Abs(expected) + absolute;
        Assert.True(ok, $"{what}: {actual}, PyTorch {expected}");
    }
}
