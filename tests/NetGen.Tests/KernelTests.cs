using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests;

/// <summary>
/// The span kernels against plain scalar twins over every length from 0 to 70, so every vector width and remainder
/// is covered (784, 128 and 10 are not multiples of the vector width).
/// </summary>
public class KernelTests
{
    public static TheoryData<Activation> Activations => new() { Activation.Identity, Activation.Sigmoid, Activation.Tanh, Activation.ReLU };

    [Theory]
    [MemberData(nameof(Activations))]
    public void ActivationBackward_EveryLength_MatchesScalarDerivative(Activation activation)
    {
        for (int length = 0; length <= 70; length++)
        {
            float[] y = NetworkNumericsTests.RandomValues(length, seed: length, scale: 1f);
            if (activation == Activation.Sigmoid)
            {
                for (int i = 0; i < length; i++)
                {
                    y[i] = 0.5f + 0.5f * y[i]; // sigmoid outputs lie in (0, 1)
                }
            }

            float[] g = NetworkNumericsTests.RandomValues(length, seed: 1000 + length, scale: 2f);
            float[] expected = new float[length];
            for (int i = 0; i < length; i++)
            {
                double d = activation switch
                {
                    Activation.Identity => 1,
                    Activation.Sigmoid => y[i] * (1.0 - y[i]),
                    Activation.Tanh => 1.0 - (double)y[i] * y[i],
                    _ => y[i] > 0 ? 1 : 0,
                };
                expected[i] = (float)(g[i] * d);
            }

            Backward(activation, y, g);
            for (int i = 0; i < length; i++)
            {
                Assert.True(MathF.Abs(expected[i] - g[i]) <= 1e-6f * (1 + MathF.Abs(expected[i])), $"{activation} length {length} index {i}");
            }
        }
    }

    [Fact]
    public void DenseForward_EveryInputLength_MatchesScalarLoop()
    {
        const int batch = 2, outputs = 3;
        for (int inputs = 1; inputs <= 70; inputs++)
        {
            float[] x = NetworkNumericsTests.RandomValues(batch * inputs, seed: inputs, scale: 1f);
            float[] w = NetworkNumericsTests.RandomValues(outputs * inputs, seed: 100 + inputs, scale: 1f);
            float[] b = NetworkNumericsTests.RandomValues(outputs, seed: 200 + inputs, scale: 1f);
            float[] y = new float[batch * outputs];
            Dense.Forward(new ReLUOperator(), x, w, b, y, batch, inputs, outputs);
            for (int s = 0; s < batch; s++)
            {
                for (int o = 0; o < outputs; o++)
                {
                    double z = b[o];
                    for (int i = 0; i < inputs; i++)
                    {
                        z += (double)w[o * inputs + i] * x[s * inputs + i];
                    }

                    Assert.True(Math.Abs(Math.Max(0, z) - y[s * outputs + o]) <= 1e-5, $"inputs {inputs}, sample {s}, output {o}");
                }
            }
        }
    }

    [Fact]
    public void DenseForward_WrongShapes_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Dense.Forward(new IdentityOperator(), new float[6], new float[5], new float[2], new float[4], 2, 3, 2));
        Assert.Contains("weights = 6", e.Message);
    }

    [Fact]
    public void MeanSquaredError_MatchesDefinition()
    {
        // ((1 - 0)^2 + (2 - 4)^2 + (-1 - 1)^2) / 3 = 3; gradient 2 (y - t) / 3.
        float[] d = new float[3];
        Assert.Equal(3f, MeanSquaredError.Backward([1f, 2f, -1f], [0f, 4f, 1f], d), 6);
        Assert.Equal([2f / 3, -4f / 3, -4f / 3], d);
        Assert.Equal(3f, MeanSquaredError.Forward([1f, 2f, -1f], [0f, 4f, 1f]), 6);
    }

    private static void Backward(Activation activation, float[] y, float[] g)
    {
        switch (activation)
        {
            case Activation.Identity: ActivationLoops.Backward(new IdentityOperator(), y, g); break;
            case Activation.Sigmoid: ActivationLoops.Backward(new SigmoidOperator(), y, g); break;
            case Activation.Tanh: ActivationLoops.Backward(new TanhOperator(), y, g); break;
            default: ActivationLoops.Backward(new ReLUOperator(), y, g); break;
        }
    }
}
