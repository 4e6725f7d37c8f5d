using System;
using NetGen.Optimizers;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>Saving and restoring optimizer state, as checkpoints do.</summary>
public class OptimizerStateTests
{
    private const int Count = 37; // not a multiple of any vector width

    [Theory]
    [MemberData(nameof(OptimizerConfigurations.Names), MemberType = typeof(OptimizerConfigurations))]
    public void SaveThenLoad_ContinuesBitIdentically(string name)
    {
        const int before = 4, after = 5;
        float[] gradients = new float[Count];

        IOptimizer uninterrupted = OptimizerConfigurations.Create(name);
        float[] expected = OptimizerConfigurations.StartingParameters(Count);
        for (int step = 0; step < before + after; step++)
        {
            OptimizerConfigurations.FillGradients(gradients, step);
            uninterrupted.Step(expected, gradients);
        }

        IOptimizer first = OptimizerConfigurations.Create(name);
        float[] parameters = OptimizerConfigurations.StartingParameters(Count);
        for (int step = 0; step < before; step++)
        {
            OptimizerConfigurations.FillGradients(gradients, step);
            first.Step(parameters, gradients);
        }

        float[] state = new float[first.StateLength(Count)];
        first.SaveState(state);
        long stepCount = first.StepCount;
        Assert.Equal(before, stepCount);

        IOptimizer resumed = OptimizerConfigurations.Create(name);
        resumed.LoadState(state, stepCount);
        Assert.Equal(before, resumed.StepCount);
        for (int step = before; step < before + after; step++)
        {
            OptimizerConfigurations.FillGradients(gradients, step);
            resumed.Step(parameters, gradients);
        }

        Assert.Equal(before + after, resumed.StepCount);
        Assert.Equal(expected, parameters); // exact: float equality, element by element

        float[] resumedState = new float[resumed.StateLength(Count)];
        float[] expectedState = new float[uninterrupted.StateLength(Count)];
        resumed.SaveState(resumedState);
        uninterrupted.SaveState(expectedState);
        Assert.Equal(expectedState, resumedState);
    }

    [Theory]
    [MemberData(nameof(OptimizerConfigurations.Names), MemberType = typeof(OptimizerConfigurations))]
    public void SaveBeforeTheFirstStep_WritesTheInitialState(string name)
    {
        IOptimizer saved = OptimizerConfigurations.Create(name);
        float[] state = new float[saved.StateLength(Count)];
        state.AsSpan().Fill(float.NaN);
        saved.SaveState(state);
        Assert.Equal(0, saved.StepCount);

        IOptimizer fresh = OptimizerConfigurations.Create(name), loaded = OptimizerConfigurations.Create(name);
        loaded.LoadState(state, 0);
        float[] a = OptimizerConfigurations.StartingParameters(Count), b = OptimizerConfigurations.StartingParameters(Count);
        float[] gradients = new float[Count];
        for (int step = 0; step < 3; step++)
        {
            OptimizerConfigurations.FillGradients(gradients, step);
            fresh.Step(a, gradients);
            loaded.Step(b, gradients);
        }

        Assert.Equal(a, b);
    }

    [Fact]
    public void StateLength_IsWholeBuffersPerParameter()
    {
        Assert.Equal(0, new Sgd(0.1f).StateLength(10));
        Assert.Equal(10, new Sgd(0.1f, momentum: 0.9f).StateLength(10));
        Assert.Equal(10, new Adagrad().StateLength(10));
        Assert.Equal(20, new Adadelta().StateLength(10));
        Assert.Equal(10, new RmsProp().StateLength(10));
        Assert.Equal(30, new RmsProp(momentum: 0.5f, centered: true).StateLength(10));
        Assert.Equal(20, new Adam().StateLength(10));
        Assert.Equal(30, new AdamW(amsGrad: true).StateLength(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam().StateLength(-1));
    }

    [Fact]
    public void Adagrad_InitialStateIsTheAccumulatorValue()
    {
        float[] state = new float[4];
        new Adagrad(initialAccumulatorValue: 0.25f).SaveState(state);
        Assert.Equal([0.25f, 0.25f, 0.25f, 0.25f], state);
    }

    [Fact]
    public void Adam_StateLayoutIsExpAvgThenExpAvgSq()
    {
        // One step from zero state with g = 2: m = 0.1 * 2, v = 0.001 * 4.
        var adam = new Adam();
        adam.Step(new float[1], [2f]);
        float[] state = new float[2];
        adam.SaveState(state);
        Assert.Equal(0.2f, state[0], 6);
        Assert.Equal(0.004f, state[1], 6);
    }

    [Fact]
    public void SaveState_WrongLength_NamesBothLengths()
    {
        var adam = new Adam();
        adam.Step(new float[5], new float[5]);
        ArgumentException e = Assert.Throws<ArgumentException>(() => adam.SaveState(new float[9]));
        Assert.Equal("destination", e.ParamName);
        Assert.Contains("9", e.Message);
        Assert.Contains("10", e.Message);
    }

    [Fact]
    public void LoadState_WrongLength_NamesBothLengths()
    {
        var adam = new Adam();
        adam.Step(new float[5], new float[5]);
        ArgumentException e = Assert.Throws<ArgumentException>(() => adam.LoadState(new float[12], 1));
        Assert.Equal("source", e.ParamName);
        Assert.Contains("12", e.Message);
        Assert.Contains("10", e.Message);
    }

    [Fact]
    public void LoadState_NotWholeBuffers_IsRejected()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => new Adam(amsGrad: true).LoadState(new float[10], 1));
        Assert.Contains("10", e.Message);
        Assert.Contains("3", e.Message);
        Assert.Throws<ArgumentException>(() => new Sgd(0.1f).LoadState(new float[2], 1));
        Assert.Throws<ArgumentException>(() => new Sgd(0.1f).SaveState(new float[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam().LoadState(new float[2], -1));
    }

    [Fact]
    public void LoadState_FixesTheParameterCount()
    {
        var adam = new Adam();
        adam.LoadState(new float[6], 2);
        ArgumentException e = Assert.Throws<ArgumentException>(() => adam.Step(new float[4], new float[4]));
        Assert.Contains("3", e.Message);
        Assert.Contains("4", e.Message);
    }

    [Fact]
    public void Step_WithAnotherParameterCount_IsRejectedUntilReset()
    {
        var rms = new RmsProp(centered: true);
        rms.Step(new float[3], new float[3]);
        ArgumentException e = Assert.Throws<ArgumentException>(() => rms.Step(new float[4], new float[4]));
        Assert.Contains("3", e.Message);
        Assert.Contains("4", e.Message);
        Assert.Throws<ArgumentException>(() => rms.Step(new float[3], new float[2]));

        rms.Reset();
        Assert.Equal(0, rms.StepCount);
        rms.Step(new float[4], new float[4]);
        Assert.Equal(1, rms.StepCount);
    }

    [Fact]
    public void Reset_RestartsTheBiasCorrection()
    {
        // Adam's first step moves each parameter by about lr * sign(g), whatever the gradient's size.
        var adam = new Adam(0.1f);
        float[] p = [0f];
        adam.Step(p, [3f]);
        Assert.Equal(-0.1f, p[0], 5);
        adam.Reset();
        p[0] = 0f;
        adam.Step(p, [-0.001f]);
        Assert.Equal(0.1f, p[0], 4);
    }
}
