using System;
using NetGen.Optimizers;
using Xunit;

namespace NetGen.Tests;

/// <summary>torch.optim.SGD's rule, checked against steps worked out by hand (p = 1, g = 0.5, lr = 0.1).</summary>
public class SgdTests
{
    [Fact]
    public void Plain_StepsAlongTheGradient()
    {
        float[] p = [1f, -2f];
        new Sgd(0.1f).Step(p, [0.5f, -1f]);
        Assert.Equal(0.95f, p[0], 6); // 1 - 0.1 * 0.5
        Assert.Equal(-1.9f, p[1], 6); // -2 - 0.1 * -1
    }

    [Fact]
    public void Momentum_FirstStepSeedsTheBuffer()
    {
        // step 1: buf = g = 0.5, p = 1 - 0.05 = 0.95
        // step 2: buf = 0.9 * 0.5 + 0.5 = 0.95, p = 0.95 - 0.095 = 0.855
        // step 3: buf = 0.9 * 0.95 + 0.5 = 1.355, p = 0.855 - 0.1355 = 0.7195
        var sgd = new Sgd(0.1f, momentum: 0.9f);
        float[] p = [1f];
        float[] expected = [0.95f, 0.855f, 0.7195f];
        foreach (float e in expected)
        {
            sgd.Step(p, [0.5f]);
            Assert.Equal(e, p[0], 5);
        }
    }

    [Fact]
    public void Nesterov_LooksAhead()
    {
        // step 1: buf = 0.5, g' = 0.5 + 0.9 * 0.5 = 0.95, p = 1 - 0.095 = 0.905
        // step 2: buf = 0.95, g' = 0.5 + 0.9 * 0.95 = 1.355, p = 0.905 - 0.1355 = 0.7695
        var sgd = new Sgd(0.1f, momentum: 0.9f, nesterov: true);
        float[] p = [1f];
        sgd.Step(p, [0.5f]);
        Assert.Equal(0.905f, p[0], 5);
        sgd.Step(p, [0.5f]);
        Assert.Equal(0.7695f, p[0], 5);
    }

    [Fact]
    public void Dampening_ScalesLaterGradientsOnly()
    {
        // step 1: buf = g = 0.5 (no dampening on the first step), p = 0.95
        // step 2: buf = 0.9 * 0.5 + (1 - 0.5) * 0.5 = 0.7, p = 0.95 - 0.07 = 0.88
        var sgd = new Sgd(0.1f, momentum: 0.9f, dampening: 0.5f);
        float[] p = [1f];
        sgd.Step(p, [0.5f]);
        Assert.Equal(0.95f, p[0], 5);
        sgd.Step(p, [0.5f]);
        Assert.Equal(0.88f, p[0], 5);
    }

    [Fact]
    public void WeightDecay_AddsTheL2Gradient()
    {
        // g = 0.5 + 0.1 * 1 = 0.6, p = 1 - 0.06 = 0.94
        float[] p = [1f];
        new Sgd(0.1f, weightDecay: 0.1f).Step(p, [0.5f]);
        Assert.Equal(0.94f, p[0], 6);
    }

    [Fact]
    public void Reset_ForgetsMomentum()
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f);
        float[] p = [1f];
        sgd.Step(p, [0.5f]);
        sgd.Reset();
        sgd.Step(p, [0.5f]);
        Assert.Equal(0.9f, p[0], 5); // two first steps: 1 - 0.05 - 0.05
    }

    [Fact]
    public void InvalidHyperParameters_AreRejectedWithTheirName()
    {
        Assert.Equal("momentum", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f, momentum: -1f)).ParamName);
        Assert.Equal("weightDecay", Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(0.1f, weightDecay: -0.1f)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(-0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Sgd(float.NaN));
        Assert.Contains("Nesterov", Assert.Throws<ArgumentException>(() => new Sgd(0.1f, nesterov: true)).Message);
        Assert.Contains("dampening", Assert.Throws<ArgumentException>(() => new Sgd(0.1f, momentum: 0.9f, dampening: 0.1f, nesterov: true)).Message);
    }

    [Fact]
    public void MismatchedLengths_AreRejected()
    {
        var sgd = new Sgd(0.1f, momentum: 0.9f);
        Assert.Throws<ArgumentException>(() => sgd.Step(new float[3], new float[2]));
        sgd.Step(new float[3], new float[3]);
        ArgumentException e = Assert.Throws<ArgumentException>(() => sgd.Step(new float[4], new float[4]));
        Assert.Contains("3", e.Message);
    }
}
