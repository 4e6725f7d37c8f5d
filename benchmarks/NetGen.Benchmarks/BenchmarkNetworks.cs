using System;
using NetGen;

namespace NetGen.Benchmarks;

/// <summary>The MNIST MLP of the README: 784-128-10, ReLU, cross-entropy on logits.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(784)]
[Dense(128, Activation.ReLU)]
[Dense(10)]
public partial class MnistMlp { }

/// <summary>LeNet-5 on 28x28 MNIST, the first convolution padded by 2 as in the classic setup.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input(1, 28, 28)]
[Conv2D(6, 5, Activation.ReLU, Padding = 2)]
[MaxPool2D(2)]
[Conv2D(16, 5, Activation.ReLU)]
[MaxPool2D(2)]
[Dense(120, Activation.ReLU)]
[Dense(84, Activation.ReLU)]
[Dense(10)]
public partial class LeNet5 { }

/// <summary>The benchmarked networks by the name the <c>Network</c> parameter shows.</summary>
public static class BenchmarkNetworks
{
    /// <summary>The MLP's parameter value.</summary>
    public const string Mlp = "MLP";

    /// <summary>LeNet-5's parameter value.</summary>
    public const string LeNet = "LeNet-5";

    /// <summary>A freshly initialised network.</summary>
    public static INetwork Create(string name, int seed) => name switch
    {
        Mlp => new MnistMlp(seed),
        LeNet => new LeNet5(seed),
        _ => throw new ArgumentException($"Unknown network '{name}'; expected '{Mlp}' or '{LeNet}'.", nameof(name)),
    };
}
