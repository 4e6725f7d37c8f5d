using System;
using NetGen.Optimizers;
using NetGen.Tests.Networks;
using Xunit;

namespace NetGen.Tests;

[Network(Loss = Loss.MSE)]
[Input(4)]
[Dense(6, Activation.ReLU)]
[Dropout(0.5)]
[Dense(2)]
public partial class DropoutNetwork { }

[Network(Loss = Loss.MSE)]
[Input(3)]
[Dense(4, MaxNorm = 0.5)]
[Dense(2)]
public partial class MaxNormNetwork { }

[Network(Loss = Loss.MSE)]
[Input(1000)]
[Dropout(0.5)]
[Dense(1, Bias = false)]
public partial class InputDropoutNetwork { }

public class ConvNetworkTests
{
    [Fact]
    public void LeNet5_HasTheClassicParameterCount()
    {
        // conv1 6*1*5*5+6 = 156, conv2 16*6*5*5+16 = 2416, fc1 120*400+120 = 48120, fc2 84*120+84 = 10164, fc3 10*84+10 = 850.
        Assert.Equal(61_706, LeNet5.ParameterCount);
        Assert.Equal(784, LeNet5.InputSize);
        Assert.Equal(61_706, new LeNet5(seed: 1).Parameters.Length);
    }

    [Fact]
    public void LeNet5_AFewStepsOnRandomData_LowerTheLoss()
    {
        var network = new LeNet5(seed: 1);
        var sgd = new Sgd(0.05f, momentum: 0.9f);
        float[] images = NetworkNumericsTests.RandomValues(16 * 784, seed: 2, scale: 1f);
        int[] labels = new int[16];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = i % 10;
        }

        float first = network.ComputeGradients(images, labels);
        sgd.Step(network.Parameters, network.Gradients);
        float last = first;
        for (int step = 0; step < 15; step++)
        {
            last = network.ComputeGradients(images, labels);
            sgd.Step(network.Parameters, network.Gradients);
        }

        Assert.True(last < 0.5f * first, $"loss went from {first} to {last}");
    }

    [Fact]
    public void LeNet5_ForwardAndTraining_AllocateNothingAfterWarmUp()
    {
        var network = new LeNet5(seed: 3);
        var adam = new Adam();
        float[] images = NetworkNumericsTests.RandomValues(8 * 784, seed: 4, scale: 1f);
        float[] logits = new float[8 * 10];
        int[] labels = [0, 1, 2, 3, 4, 5, 6, 7];
        SteadyStateAllocation.AssertNone(
            () =>
            {
                network.Forward(images, logits);
                network.Forward(images.AsSpan(0, 784), logits.AsSpan(0, 10));
                network.ComputeGradients(images, labels);
                adam.Step(network.Parameters, network.Gradients);
                network.ApplyConstraints();
            },
            "LeNet-5's forward passes, training step and Adam step");
    }

    [Fact]
    public void Dropout_IsTheIdentityInInference()
    {
        // With the dropout layer removed the same parameters give the same outputs: Forward never drops.
        var network = new DropoutNetwork(seed: 5);
        var reference = new Reference.ReferenceNetwork(4, Loss.MSE,
            new Reference.ReferenceLayer(6, Activation.ReLU), new Reference.ReferenceLayer(2, Activation.Identity));
        float[] inputs = NetworkNumericsTests.RandomValues(4, seed: 6, scale: 1f);
        float[] outputs = new float[2];
        network.Forward(inputs, outputs);
        double[] expected = reference.Forward(NetworkNumericsTests.ToDouble(network.Parameters), NetworkNumericsTests.ToDouble(inputs));
        Assert.Equal(expected[0], outputs[0], 5);
        Assert.Equal(expected[1], outputs[1], 5);
    }

    [Fact]
    public void Dropout_InTraining_DropsAboutHalfAndScalesTheRest()
    {
        // y = sum(w * mask * x) with w = 1, x = 1: each kept input contributes 1 / (1 - 0.5) = 2. MSE against 0 gives
        // loss y^2 and dL/dw_i = 2y * mask_i, so the gradient shows the mask: zeros where dropped, 4y where kept.
        var network = new InputDropoutNetwork(seed: 1);
        network.Parameters.Fill(1f);
        float[] ones = new float[1000];
        Array.Fill(ones, 1f);
        float[] output = new float[1];
        network.Forward(ones, output);
        Assert.Equal(1000f, output[0]); // inference: the identity

        float loss = network.ComputeGradients(ones, [0f]);
        int kept = 0;
        foreach (float g in network.Gradients)
        {
            kept += g != 0f ? 1 : 0;
        }

        float y = 2f * kept;
        Assert.InRange(kept, 450, 550);
        Assert.Equal(y * y, loss, 1f);
        foreach (float g in network.Gradients)
        {
            Assert.True(g == 0f || Math.Abs(g - 4f * y) <= 1e-3f * y, $"gradient {g}, expected 0 or {4f * y}");
        }

        // Same seed, same masks; another seed, other masks.
        var again = new InputDropoutNetwork(seed: 1);
        again.Parameters.Fill(1f);
        again.ComputeGradients(ones, [0f]);
        Assert.Equal(network.Gradients.ToArray(), again.Gradients.ToArray());
        var other = new InputDropoutNetwork(seed: 2);
        other.Parameters.Fill(1f);
        other.ComputeGradients(ones, [0f]);
        Assert.NotEqual(network.Gradients.ToArray(), other.Gradients.ToArray());
    }

    [Fact]
    public void MaxNorm_ScalesRowsAboveTheLimitAfterTheStep()
    {
        var network = new MaxNormNetwork(seed: 1);
        Span<float> p = network.Parameters;
        p.Slice(0, 12).Fill(1f); // every row of W1 [4, 3] has norm sqrt(3) > 0.5
        p[0] = 0.1f; p[1] = 0.1f; p[2] = 0.1f; // except row 0: norm 0.173 stays
        float[] second = p.Slice(16).ToArray();
        network.ApplyConstraints();
        Assert.Equal(0.1f, p[0]);
        for (int row = 1; row < 4; row++)
        {
            double norm = Math.Sqrt(p[row * 3] * p[row * 3] + p[row * 3 + 1] * p[row * 3 + 1] + p[row * 3 + 2] * p[row * 3 + 2]);
            Assert.Equal(0.5, norm, 5);
        }

        Assert.Equal(second, p.Slice(16).ToArray()); // the second layer has no constraint
    }
}
