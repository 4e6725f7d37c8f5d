using System;
using Xunit;

namespace NetGen.Tests.Reliability;

/// <summary>
/// Softmax (log-sum-exp), cross-entropy, BCE, BCE with logits and SoftPlus at ±1e4 and ±∞, through generated
/// networks: wherever PyTorch gives a finite value, NetGen gives the same finite value, never NaN. Each network's single
/// Dense layer is set to the identity, so the chosen values reach the activation or loss unchanged. The expected values
/// are PyTorch's, worked out by hand in float64 (torch.softmax, F.cross_entropy, F.binary_cross_entropy with its log
/// clamped at -100, F.binary_cross_entropy_with_logits, F.softplus with threshold 20).
/// </summary>
public class ExtremeValueTests
{
    private const float Big = 1e4f;

    [Fact]
    public void SoftmaxActivation_AtPlusMinus1e4AndMinusInfinity_MatchesPyTorch()
    {
        var network = Identity(new PassThroughSoftmax(0), PassThroughSoftmax.InputSize);
        float[] x = [Big, 0f, -Big, -Big, -Big, Big, 0f, 0f, 0f];
        float[] y = new float[9];
        network.Forward(x, y);
        Assert.Equal([1f, 0f, 0f, 0f, 0f, 1f, 1f / 3, 1f / 3, 1f / 3], y);

        // -inf logits (from the bias: an infinite input would meet zero weights, 0 * inf = NaN, in any framework).
        Identity(network, PassThroughSoftmax.InputSize, [0f, float.NegativeInfinity, 0f]);
        network.Forward([0f, 0f, 0f, Big, 0f, -Big], y.AsSpan(0, 6));
        Assert.Equal([0.5f, 0f, 0.5f, 1f, 0f, 0f], y.AsSpan(0, 6).ToArray());

        // Its backward (through MSE) stays finite too.
        Identity(network, PassThroughSoftmax.InputSize);
        float loss = network.ComputeGradients(x, new float[9]);
        Assert.True(float.IsFinite(loss));
        AssertAllFinite(network.Gradients);
    }

    [Fact]
    public void CrossEntropy_AtPlusMinus1e4AndMinusInfinity_MatchesPyTorch()
    {
        var network = Identity(new PassThroughCrossEntropy(0), PassThroughCrossEntropy.InputSize);
        // Row 0: the label's logit is 1e4 above the rest: loss 0. Row 1: the label's logit is 2e4 below the largest:
        // loss 2e4 exactly (log-sum-exp = 1e4).
        float[] logits = [Big, 0f, -Big, Big, 0f, -Big];
        Assert.Equal(1e4f, network.ComputeGradients(logits, [0, 2]));
        AssertAllFinite(network.Gradients);

        // With class-probability targets (F.cross_entropy with probabilities), the same.
        Assert.Equal(1e4f, network.ComputeGradients(logits, [1f, 0f, 0f, 0f, 0f, 1f]));
        AssertAllFinite(network.Gradients);

        // A -inf logit that is not the label contributes nothing: logits [-inf, 1, 1], label 1: log 2.
        Identity(network, PassThroughCrossEntropy.InputSize, [float.NegativeInfinity, 0f, 0f]);
        Assert.Equal(Math.Log(2), network.ComputeGradients([0f, 1f, 1f], [1]), 1e-6);
        Assert.Equal([0f, -0.5f, 0.5f], BiasGradients(network, 3));
    }

    [Fact]
    public void BceWithLogits_AtPlusMinus1e4AndInfinity_MatchesPyTorch()
    {
        var network = Identity(new PassThroughBceWithLogits(0), PassThroughBceWithLogits.InputSize);
        // Right side: 0; wrong side: |z| = 1e4. Mean (0 + 0 + 1e4 + 1e4) / 4.
        Assert.Equal(5000f, network.ComputeGradients([Big, -Big, Big, -Big], [1f, 0f, 0f, 1f]));
        Assert.Equal([0f, 0f, 0.25f, -0.25f], BiasGradients(network, 4));

        // ±inf on the right side: PyTorch's formula gives NaN there (0 * inf); NetGen gives the limit, 0 (finite where
        // PyTorch is not is allowed). On the wrong side both give +inf, which training reports.
        Identity(network, PassThroughBceWithLogits.InputSize, [float.PositiveInfinity, float.NegativeInfinity, 0f, 0f]);
        Assert.Equal(Math.Log(2) / 2, network.ComputeGradients([0f, 0f, 0f, 0f], [1f, 0f, 0.5f, 0.5f]), 1e-6);
        AssertAllFinite(BiasGradients(network, 4));
        Assert.Equal(float.PositiveInfinity, network.ComputeGradients([0f, 0f, 0f, 0f], [0f, 1f, 0f, 0f]));
    }

    [Fact]
    public void SigmoidThenBce_AtPlusMinus1e4AndInfinity_MatchesPyTorchsClampedLog()
    {
        var network = Identity(new PassThroughSigmoidBce(0), PassThroughSigmoidBce.InputSize);
        // sigmoid(±1e4) is exactly 1 or 0 in float; log(0) is clamped at -100 as in PyTorch.
        Assert.Equal(50f, network.ComputeGradients([Big, -Big, Big, -Big], [1f, 0f, 0f, 1f])); // (0 + 0 + 100 + 100) / 4
        AssertAllFinite(network.Gradients);

        Identity(network, PassThroughSigmoidBce.InputSize, [float.PositiveInfinity, float.NegativeInfinity, float.PositiveInfinity, float.NegativeInfinity]);
        Assert.Equal(50f, network.ComputeGradients([0f, 0f, 0f, 0f], [1f, 0f, 0f, 1f]));
        AssertAllFinite(BiasGradients(network, 4));
    }

    [Fact]
    public void SoftPlus_AtPlusMinus1e4AndInfinity_MatchesPyTorch()
    {
        var network = Identity(new PassThroughSoftPlus(0), PassThroughSoftPlus.InputSize);
        float[] y = new float[4];
        network.Forward([Big, -Big, 30f, -30f], y);
        Assert.Equal([Big, 0f, 30f], y[..3]);
        Assert.Equal(Math.Exp(-30), y[3], Math.Exp(-30) * 1e-5); // log1p(e^-30)

        Assert.Equal(0f, network.ComputeGradients([Big, -Big, 30f, -100f], [Big, 0f, 30f, 0f]), 1e-6);
        AssertAllFinite(network.Gradients);

        Identity(network, PassThroughSoftPlus.InputSize, [float.PositiveInfinity, float.NegativeInfinity, 0f, 0f]);
        network.Forward([0f, 0f, 0f, 0f], y);
        Assert.Equal([float.PositiveInfinity, 0f], y[..2]);
        Assert.Equal(Math.Log(2), y[2], 1e-6);
        Assert.Equal(Math.Log(2), y[3], 1e-6);
    }

    /// <summary>Sets the network's only Dense layer to the identity, with the given bias (zero if none).</summary>
    private static T Identity<T>(T network, int size, float[]? bias = null) where T : INetwork
    {
        network.Parameters.Clear();
        for (int i = 0; i < size; i++)
        {
            network.Parameters[i * size + i] = 1f;
        }

        bias?.CopyTo(network.Parameters.Slice(size * size, size));
        return network;
    }

    /// <summary>The bias gradients of the only layer: dL/dz, the loss's gradient with respect to the layer's outputs.</summary>
    private static float[] BiasGradients(INetwork network, int size) => network.Gradients.Slice(size * size, size).ToArray();

    private static void AssertAllFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            Assert.True(float.IsFinite(values[i]), $"element {i} is {values[i]}");
        }
    }
}
