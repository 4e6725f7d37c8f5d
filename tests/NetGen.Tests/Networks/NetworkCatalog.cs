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
        [nameof(SmallCnn)] = (s => new SmallCnn(s),
            new ReferenceNetwork((2, 6, 5), Loss.CrossEntropy, new ReferenceConv(3, 3, Activation.Tanh, Padding: 1),
                new ReferencePool(true, 2, 2), new ReferenceConv(2, 2, Activation.Sigmoid), new ReferenceLayer(3, Activation.Identity))),
        [nameof(StridedCnn)] = (s => new StridedCnn(s),
            new ReferenceNetwork((1, 7, 7), Loss.MSE, new ReferenceConv(2, 3, Activation.ReLU, Stride: 2, Bias: false),
                new ReferencePool(false, 2, 1), new ReferenceLayer(2, Activation.Tanh))),
        [nameof(PReLUNetwork)] = (s => new PReLUNetwork(s),
            new ReferenceNetwork((2, 5, 5), Loss.MSE, new ReferenceConv(3, 3, Activation.PReLU, Slopes: 1),
                new ReferenceLayer(4, Activation.PReLU, Slopes: 4), new ReferenceLayer(2, Activation.Identity))),
        [nameof(RegularizedNetwork)] = (s => new RegularizedNetwork(s),
            new ReferenceNetwork(3, Loss.MSE, new ReferenceLayer(4, Activation.Tanh, L1: 0.02, L2: 0.01), new ReferenceLayer(2, Activation.Identity, L2: 0.01))),
        [nameof(ArcTanLeakyL1)] = (s => new ArcTanLeakyL1(s),
            new ReferenceNetwork(3, Loss.L1, new ReferenceLayer(5, Activation.ArcTan),
                new ReferenceLayer(4, Activation.LeakyReLU, Parameter: 0.1), new ReferenceLayer(2, Activation.Identity))),
        [nameof(EluSoftPlusSoftmax)] = (s => new EluSoftPlusSoftmax(s),
            new ReferenceNetwork(3, Loss.MSE, new ReferenceLayer(5, Activation.ELU, Parameter: 0.5),
                new ReferenceLayer(4, Activation.SoftPlus, Parameter: 2), new ReferenceLayer(3, Activation.Softmax))),
        [nameof(SigmoidBce)] = (s => new SigmoidBce(s),
            new ReferenceNetwork(3, Loss.BCE, new ReferenceLayer(4, Activation.Tanh), new ReferenceLayer(2, Activation.Sigmoid))),
        [nameof(LogitsBce)] = (s => new LogitsBce(s),
            new ReferenceNetwork(3, Loss.BCEWithLogits, new ReferenceLayer(4, Activation.ReLU), new ReferenceLayer(2, Activation.Identity))),
        [nameof(LinearPerceptronLoss)] = (s => new LinearPerceptronLoss(s),
            new ReferenceNetwork(3, Loss.Perceptron, new ReferenceLayer(2, Activation.Identity))),
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
