using System;
using System.Collections.Generic;
using System.Linq;
using NetGen.Optimizers;
using Xunit;

namespace NetGen.Tests.Optimizers;

/// <summary>Every optimizer, in each configuration that changes its state layout, for the state and allocation tests.</summary>
public static class OptimizerConfigurations
{
    private static readonly Dictionary<string, Func<IOptimizer>> Factories = new()
    {
        ["Sgd"] = () => new Sgd(0.1f, weightDecay: 0.01f),
        ["Sgd momentum"] = () => new Sgd(0.1f, momentum: 0.9f, dampening: 0.1f),
        ["Sgd nesterov"] = () => new Sgd(0.1f, momentum: 0.9f, nesterov: true, weightDecay: 0.01f),
        ["Adagrad"] = () => new Adagrad(0.1f, learningRateDecay: 0.05f, weightDecay: 0.01f, initialAccumulatorValue: 0.2f),
        ["Adadelta"] = () => new Adadelta(weightDecay: 0.01f),
        ["RmsProp"] = () => new RmsProp(),
        ["RmsProp centered"] = () => new RmsProp(centered: true),
        ["RmsProp momentum"] = () => new RmsProp(momentum: 0.9f, weightDecay: 0.01f),
        ["RmsProp centered momentum"] = () => new RmsProp(momentum: 0.9f, centered: true),
        ["Adam"] = () => new Adam(0.01f, weightDecay: 0.01f),
        ["Adam amsgrad"] = () => new Adam(0.01f, beta2: 0.9f, amsGrad: true),
        ["AdamW"] = () => new AdamW(0.01f),
        ["AdamW amsgrad"] = () => new AdamW(0.01f, beta2: 0.9f, amsGrad: true),
    };

    public static TheoryData<string> Names => new(Factories.Keys.ToArray());

    public static IOptimizer Create(string name) => Factories[name]();

    /// <summary>Deterministic gradients that change with the step, for <paramref name="count"/> parameters.</summary>
    public static void FillGradients(Span<float> gradients, int step)
    {
        for (int i = 0; i < gradients.Length; i++)
        {
            gradients[i] = MathF.Sin(0.37f * i + 1.1f * step) / (1f + 0.2f * step) + 0.05f * (i % 5 - 2);
        }
    }

    /// <summary>Starting parameters for <paramref name="count"/> values.</summary>
    public static float[] StartingParameters(int count)
    {
        float[] parameters = new float[count];
        for (int i = 0; i < count; i++)
        {
            parameters[i] = MathF.Cos(0.91f * i) * 1.5f;
        }

        return parameters;
    }
}
