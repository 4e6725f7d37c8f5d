using System;
using NetGen.Optimizers;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>Defaults are torch.optim's; hyper-parameters torch.optim rejects are rejected, naming the parameter.</summary>
public class OptimizerArgumentTests
{
    public static TheoryData<string, Func<object>> InvalidHyperParameters => new()
    {
        { "learningRate", () => new Adagrad(learningRate: -0.1f) },
        { "learningRateDecay", () => new Adagrad(learningRateDecay: -0.1f) },
        { "weightDecay", () => new Adagrad(weightDecay: -0.1f) },
        { "initialAccumulatorValue", () => new Adagrad(initialAccumulatorValue: -0.1f) },
        { "epsilon", () => new Adagrad(epsilon: -1e-10f) },
        { "learningRate", () => new Adadelta(learningRate: float.NaN) },
        { "rho", () => new Adadelta(rho: -0.1f) },
        { "rho", () => new Adadelta(rho: 1.1f) },
        { "epsilon", () => new Adadelta(epsilon: -1f) },
        { "weightDecay", () => new Adadelta(weightDecay: float.PositiveInfinity) },
        { "learningRate", () => new RmsProp(learningRate: -1f) },
        { "alpha", () => new RmsProp(alpha: -0.5f) },
        { "epsilon", () => new RmsProp(epsilon: float.NaN) },
        { "weightDecay", () => new RmsProp(weightDecay: -1f) },
        { "momentum", () => new RmsProp(momentum: -0.9f) },
        { "learningRate", () => new Adam(learningRate: -0.001f) },
        { "beta1", () => new Adam(beta1: 1f) },
        { "beta1", () => new Adam(beta1: -0.1f) },
        { "beta2", () => new Adam(beta2: 1f) },
        { "beta2", () => new Adam(beta2: float.NaN) },
        { "epsilon", () => new Adam(epsilon: -1e-8f) },
        { "weightDecay", () => new Adam(weightDecay: -0.01f) },
        { "learningRate", () => new AdamW(learningRate: float.PositiveInfinity) },
        { "beta1", () => new AdamW(beta1: 1.5f) },
        { "beta2", () => new AdamW(beta2: -0.001f) },
        { "epsilon", () => new AdamW(epsilon: -1f) },
        { "weightDecay", () => new AdamW(weightDecay: -0.01f) },
        { "learningRate", () => new Sgd(-0.1f) },
    };

    [Theory]
    [MemberData(nameof(InvalidHyperParameters))]
    public void InvalidHyperParameter_IsRejectedWithItsName(string parameter, Func<object> create)
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(create);
        Assert.Equal(parameter, e.ParamName);
    }

    [Fact]
    public void BoundaryValuesPyTorchAccepts_AreAccepted()
    {
        Assert.Equal(1f, new Adadelta(rho: 1f).Rho);
        Assert.Equal(0f, new Adadelta(rho: 0f, epsilon: 0f, learningRate: 0f).Rho);
        Assert.Equal(0f, new Adam(beta1: 0f, beta2: 0f, epsilon: 0f).Beta1);
        Assert.Equal(0f, new RmsProp(alpha: 0f).Alpha);
    }

    [Fact]
    public void LearningRateSetter_RejectsNegativeAndNonFinite()
    {
        IOptimizer adam = new Adam();
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = -1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => adam.LearningRate = float.NaN);
        adam.LearningRate = 0.5f;
        Assert.Equal(0.5f, adam.LearningRate);
    }

    [Fact]
    public void Defaults_AreTorchOptimDefaults()
    {
        var adagrad = new Adagrad();
        Assert.Equal((0.01f, 0f, 0f, 0f, 1e-10f),
            (adagrad.LearningRate, adagrad.LearningRateDecay, adagrad.WeightDecay, adagrad.InitialAccumulatorValue, adagrad.Epsilon));

        var adadelta = new Adadelta();
        Assert.Equal((1f, 0.9f, 1e-6f, 0f), (adadelta.LearningRate, adadelta.Rho, adadelta.Epsilon, adadelta.WeightDecay));

        var rms = new RmsProp();
        Assert.Equal((0.01f, 0.99f, 1e-8f, 0f, 0f, false),
            (rms.LearningRate, rms.Alpha, rms.Epsilon, rms.WeightDecay, rms.Momentum, rms.Centered));

        var adam = new Adam();
        Assert.Equal((0.001f, 0.9f, 0.999f, 1e-8f, 0f, false),
            (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.AmsGrad));

        var adamW = new AdamW();
        Assert.Equal((0.001f, 0.9f, 0.999f, 1e-8f, 0.01f, false),
            (adamW.LearningRate, adamW.Beta1, adamW.Beta2, adamW.Epsilon, adamW.WeightDecay, adamW.AmsGrad));
    }
}
