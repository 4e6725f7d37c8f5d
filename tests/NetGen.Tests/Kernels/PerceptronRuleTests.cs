using System;
using NetGen.Kernels;
using NetGen.Optimizers;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// The point of <see cref="BinaryStepOperator"/>'s straight-through derivative and <see cref="PerceptronLoss"/>:
/// a dense layer with a step output, trained one sample at a time with plain SGD, performs exactly Rosenblatt's rule
/// <c>w += lr (t - y) x</c>, <c>b += lr (t - y)</c>, bit for bit.
/// </summary>
public class PerceptronRuleTests
{
    [Fact]
    public void StepOutput_PerceptronLoss_Sgd_IsThePerceptronRule_AndLearnsAnd()
    {
        const int inputs = 2;
        const float learningRate = 0.1f;
        float[][] x = [[0f, 0f], [0f, 1f], [1f, 0f], [1f, 1f]];
        float[] t = [0f, 0f, 0f, 1f]; // logical AND: linearly separable, so the rule converges

        // Parameters in one buffer as a network holds them: weights [1, 2], then bias [1].
        float[] parameters = [0.3f, -0.2f, 0.15f];
        float[] gradients = new float[parameters.Length];
        float[] expected = (float[])parameters.Clone();
        var sgd = new Sgd(learningRate);
        float[] y = new float[1], dy = new float[1];
        int mistakes = -1;
        for (int epoch = 0; epoch < 20 && mistakes != 0; epoch++)
        {
            mistakes = 0;
            for (int s = 0; s < x.Length; s++)
            {
                Dense.Forward(new BinaryStepOperator(), x[s], parameters.AsSpan(0, inputs), parameters.AsSpan(inputs), y, 1, inputs, 1);
                PerceptronLoss.Backward(y, [t[s]], dy, batch: 1);
                gradients.AsSpan().Clear(); // Dense.Backward accumulates
                Dense.Backward(new BinaryStepOperator(), x[s], parameters.AsSpan(0, inputs), y, dy,
                    gradients.AsSpan(0, inputs), gradients.AsSpan(inputs), Span<float>.Empty, 1, inputs, 1);
                sgd.Step(parameters, gradients);

                float error = t[s] - y[0];
                mistakes += error != 0f ? 1 : 0;
                for (int i = 0; i < inputs; i++)
                {
                    expected[i] += learningRate * error * x[s][i];
                }

                expected[inputs] += learningRate * error;
                Assert.Equal(expected, parameters);
            }
        }

        Assert.Equal(0, mistakes);
        for (int s = 0; s < x.Length; s++)
        {
            Dense.Forward(new BinaryStepOperator(), x[s], parameters.AsSpan(0, inputs), parameters.AsSpan(inputs), y, 1, inputs, 1);
            Assert.Equal(t[s], y[0]);
        }
    }
}
