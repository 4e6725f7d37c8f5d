using System;
using NetGen;
using Xunit;

namespace NetGen.Tests;

[Network(Loss = Loss.MSE)]
[Input(2)]
[Dense(1, Activation.Sigmoid)]
public partial class SigmoidNeuron { }

[Network(Loss = Loss.CrossEntropy)]
[Input(2)]
[Dense(3)]
public partial class ThreeClassLinear { }

/// <summary>Cases worked out by hand; the expected numbers come from the arithmetic in the comments.</summary>
public class HandComputedTests
{
    [Fact]
    public void SigmoidNeuron_ForwardAndGradients()
    {
        // y = sigmoid(w0 x0 + w1 x1 + b), w = (2, -3), b = -3, x = (-1, -2):
        // z = -2 + 6 - 3 = 1, y = sigmoid(1) = 0.7310586.
        // MSE against t = 0: L = y^2 = 0.5344467; dL/dy = 2y = 1.4621172; dy/dz = y (1 - y) = 0.1966119;
        // dL/dz = 0.2874697; dL/dw0 = dL/dz * x0 = -0.2874697; dL/dw1 = -0.5749394; dL/db = 0.2874697.
        var network = new SigmoidNeuron([2f, -3f, -3f]);
        float[] output = new float[1];
        network.Forward([-1f, -2f], output);
        Assert.Equal(0.7310586f, output[0], 6);

        float loss = network.ComputeGradients([-1f, -2f], [0f]);
        Assert.Equal(0.5344467f, loss, 6);
        Assert.Equal(-0.2874697f, network.Gradients[0], 6);
        Assert.Equal(-0.5749394f, network.Gradients[1], 6);
        Assert.Equal(0.2874697f, network.Gradients[2], 6);
    }

    [Fact]
    public void SoftmaxCrossEntropy_ForwardAndGradients()
    {
        // W = 0 and b = (1, 2, 3) give logits (1, 2, 3) for any input.
        // softmax(1, 2, 3) = (e^1, e^2, e^3) / (e^1 + e^2 + e^3) = (0.0900306, 0.2447285, 0.6652410).
        // Label 2: L = -ln 0.6652410 = 0.4076059. dL/dz = p - onehot = (0.0900306, 0.2447285, -0.3347590).
        // dL/db = dL/dz; dL/dW[o, i] = dL/dz[o] * x[i] with x = (0.5, -2).
        var network = new ThreeClassLinear([0, 0, 0, 0, 0, 0, 1, 2, 3]);
        float[] logits = new float[3];
        network.Forward([0.5f, -2f], logits);
        Assert.Equal([1f, 2f, 3f], logits);

        float loss = network.ComputeGradients([0.5f, -2f], stackalloc int[] { 2 });
        Assert.Equal(0.4076059f, loss, 6);
        float[] expected =
        [
            0.0900306f * 0.5f, 0.0900306f * -2f,
            0.2447285f * 0.5f, 0.2447285f * -2f,
            -0.3347590f * 0.5f, -0.3347590f * -2f,
            0.0900306f, 0.2447285f, -0.3347590f,
        ];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], network.Gradients[i], 1e-6f); // the hand values carry 7 significant digits
        }

        // The same sample as a one-hot probability target gives the same loss and gradient.
        float[] viaLabels = network.Gradients.ToArray();
        Assert.Equal(loss, network.ComputeGradients([0.5f, -2f], [0f, 0f, 1f]), 6);
        Assert.Equal(viaLabels, network.Gradients.ToArray());
    }

    [Fact]
    public void CrossEntropy_LargeLogits_StayFinite()
    {
        // Logits (1000, 0, -1000): softmax is (1, e^-1000, 0) in exact arithmetic; label 1 gives L = 1000.
        var network = new ThreeClassLinear([0, 0, 0, 0, 0, 0, 1000, 0, -1000]);
        float loss = network.ComputeGradients([0f, 0f], stackalloc int[] { 1 });
        Assert.Equal(1000f, loss);
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 0f, 1f, -1f, 0f], network.Gradients.ToArray());
    }

    [Fact]
    public void Parameters_UsePyTorchLayout()
    {
        // weight [out=3, in=2] row-major then bias: row o holds (W[o,0], W[o,1]).
        var network = new ThreeClassLinear([1, 2, 3, 4, 5, 6, 0.5f, 0.25f, -1]);
        float[] logits = new float[3];
        network.Forward([10f, 100f], logits);
        Assert.Equal([210.5f, 430.25f, 649f], logits); // 1*10+2*100+0.5, 3*10+4*100+0.25, 5*10+6*100-1
    }
}
