using System;
using System.Collections.Generic;
using NetGen.Tests.Reference;

namespace NetGen.Tests.Networks;

/// <summary>Each test network with its reference description, typed out again from the attributes.</summary>
public static class NetworkCatalog
{
    public static readonly Dictionary<string, (Func<int, INetwork> Create, ReferenceNetwork Reference)> All = new()
    {
        [nameof(SingleSigmoidMse)] = (s => new SingleSigmoidMse(s),
            new ReferenceNetwork(3, Loss.MSE, new ReferenceLayer(2, Activation.Sigmoid))),
        [nameof(SigmoidMse)] = (s => new SigmoidMse(s),
            new ReferenceNetwork(3, Loss.MSE, new ReferenceLayer(4, Activation.Sigmoid), new ReferenceLayer(2, Activation.Identity))),
        [nameof(TanhMse)] = (s => new TanhMse(s),
            new ReferenceNetwork(3, Loss.MSE, new ReferenceLayer(5, Activation.Tanh), new ReferenceLayer(2, Activation.Tanh))),
        [nameof(ReluCrossEntropy)] = (s => new ReluCrossEntropy(s),
            new ReferenceNetwork(4, Loss.CrossEntropy, new ReferenceLayer(6, Activation.ReLU), new ReferenceLayer(3, Activation.Identity))),
        [nameof(NoBiasCrossEntropy)] = (s => new NoBiasCrossEntropy(s),
            new ReferenceNetwork(3, Loss.CrossEntropy, new ReferenceLayer(4, Activation.ReLU, Bias: false), new ReferenceLayer(3, Activation.Identity, Bias: false))),
        [nameof(DeepCrossEntropy)] = (s => new DeepCrossEntropy(s),
            new ReferenceNetwork(5, Loss.CrossEntropy, new ReferenceLayer(7, Activation.ReLU), new ReferenceLayer(6, Activation.Tanh),
                new ReferenceLayer(4, Activation.Sigmoid), new ReferenceLayer(3, Activation.Identity))),
        [nameof(DeepMse)] = (s => new DeepMse(s),
            new ReferenceNetwork(5, Loss.MSE, new ReferenceLayer(7, Activation.ReLU), new ReferenceLayer(6, Activation.Tanh, Bias: false),
                new ReferenceLayer(4, Activation.Sigmoid))),
    };

    public static IEnumerable<object[]> Names()
    {
        foreach (string name in All.Keys)
        {
            yield return [name];
        }
    }

    public static IEnumerable<object[]> CrossEntropyNames()
    {
        foreach ((string name, var entry) in All)
        {
            if (entry.Reference.Loss == Loss.CrossEntropy)
            {
                yield return [name];
            }
        }
    }
}
