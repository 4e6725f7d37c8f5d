using System;
using System.Text.Json;
using NetGen.Optimizers;
using NetGen.Optimizers.Schedules;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>Learning-rate schedules: worked out by hand, then against PyTorch's schedulers over 12 epochs.</summary>
public class ScheduleTests
{
    [Fact]
    public void StepLR_DecaysEveryStepSizeEpochs()
    {
        var schedule = new StepLR(stepSize: 3, gamma: 0.5f);
        float[] expected = [0.8f, 0.8f, 0.8f, 0.4f, 0.4f, 0.4f, 0.2f];
        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            Assert.Equal(expected[epoch], schedule.LearningRateAt(epoch, 0.8f), 6);
        }

        Assert.Equal(0.1f, new StepLR(2).Gamma);
        Assert.Equal(0.01f, new StepLR(2).LearningRateAt(5, 1f), 6); // 1 * 0.1^(5 / 2) = 0.1^2
    }

    [Fact]
    public void ExponentialLR_DecaysEveryEpoch()
    {
        var schedule = new ExponentialLR(0.5f);
        Assert.Equal(2f, schedule.LearningRateAt(0, 2f));
        Assert.Equal(1f, schedule.LearningRateAt(1, 2f));
        Assert.Equal(0.25f, schedule.LearningRateAt(3, 2f));
    }

    [Fact]
    public void CosineAnnealingLR_FollowsTheHalfCosine()
    {
        // tMax = 4, etaMin = 0.1, initial 1: 0.1 + 0.9 * (1 + cos(pi * e / 4)) / 2.
        var schedule = new CosineAnnealingLR(tMax: 4, etaMin: 0.1f);
        Assert.Equal(1f, schedule.LearningRateAt(0, 1f), 6);
        Assert.Equal(0.868198f, schedule.LearningRateAt(1, 1f), 6); // 0.1 + 0.45 * (1 + 0.707107)
        Assert.Equal(0.55f, schedule.LearningRateAt(2, 1f), 6);     // 0.1 + 0.45
        Assert.Equal(0.231802f, schedule.LearningRateAt(3, 1f), 6); // 0.1 + 0.45 * (1 - 0.707107)
        Assert.Equal(0.1f, schedule.LearningRateAt(4, 1f), 6);
        Assert.Equal(0.231802f, schedule.LearningRateAt(5, 1f), 6); // climbs back, as PyTorch's closed form
        Assert.Equal(1f, schedule.LearningRateAt(8, 1f), 6);
        Assert.Equal(0f, new CosineAnnealingLR(10).LearningRateAt(10, 0.3f), 6);
    }

    [Theory]
    [MemberData(nameof(OptimizerReference.ScheduleNames), MemberType = typeof(OptimizerReference))]
    public void MatchesPyTorch(string name)
    {
        JsonElement reference = OptimizerReference.Schedule(name);
        JsonElement options = reference.GetProperty("options");
        float Option(string key, float fallback) =>
            options.TryGetProperty(key, out JsonElement value) ? (float)value.GetDouble() : fallback;

        ILearningRateSchedule schedule = reference.GetProperty("schedule").GetString() switch
        {
            "StepLR" => options.TryGetProperty("gamma", out _)
                ? new StepLR(options.GetProperty("step_size").GetInt32(), Option("gamma", 0f))
                : new StepLR(options.GetProperty("step_size").GetInt32()),
            "ExponentialLR" => new ExponentialLR(Option("gamma", 0f)),
            "CosineAnnealingLR" => options.TryGetProperty("eta_min", out _)
                ? new CosineAnnealingLR(options.GetProperty("T_max").GetInt32(), Option("eta_min", 0f))
                : new CosineAnnealingLR(options.GetProperty("T_max").GetInt32()),
            var other => throw new InvalidOperationException($"No schedule {other}."),
        };

        float initial = (float)reference.GetProperty("base_lr").GetDouble();
        double[] expected = OptimizerReference.ToDoubles(reference.GetProperty("lrs"));
        for (int epoch = 0; epoch < expected.Length; epoch++)
        {
            float actual = schedule.LearningRateAt(epoch, initial);
            // float32 result and float32 gamma against float64: a few parts in 1e7.
            Assert.True(
                Math.Abs(actual - expected[epoch]) <= 1e-6 * Math.Max(Math.Abs(expected[epoch]), 1e-3),
                $"{name}, epoch {epoch}: expected {expected[epoch]:R}, got {actual:R}.");
        }
    }

    [Fact]
    public void Schedule_DrivesTheOptimizerLearningRate()
    {
        var sgd = new Sgd(0.5f);
        ILearningRateSchedule schedule = new StepLR(stepSize: 1, gamma: 0.5f);
        float[] p = [1f];
        for (int epoch = 0; epoch < 3; epoch++)
        {
            sgd.LearningRate = schedule.LearningRateAt(epoch, 0.5f);
            sgd.Step(p, [1f]);
        }

        Assert.Equal(1f - 0.5f - 0.25f - 0.125f, p[0], 6);
    }

    [Fact]
    public void InvalidArguments_AreRejectedWithTheirName()
    {
        Assert.Equal("stepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(0)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(1, -0.1f)).ParamName);
        Assert.Equal("gamma", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialLR(float.NaN)).ParamName);
        Assert.Equal("tMax", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(0)).ParamName);
        Assert.Equal("etaMin", Assert.Throws<ArgumentOutOfRangeException>(() => new CosineAnnealingLR(5, -1f)).ParamName);
        Assert.Equal("epoch", Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialLR(0.9f).LearningRateAt(-1, 0.1f)).ParamName);
        Assert.Equal(
            "initialLearningRate",
            Assert.Throws<ArgumentOutOfRangeException>(() => new StepLR(1).LearningRateAt(0, -0.1f)).ParamName);
    }
}
