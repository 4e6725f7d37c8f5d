using System;
using System.Collections.Generic;
using NetGen.Onnx;
using NetGen.Optimizers;
using NetGen.Tests.Networks;
using Perceptron;
using Xunit;

namespace NetGen.Tests.Onnx;

/// <summary>
/// Every test network, exported and run in ONNX Runtime, gives NetGen's <c>Forward</c> outputs within
/// <see cref="OnnxRuntimeRunner.Tolerance"/>, for a batch of 1 and of 7.
/// </summary>
public class OnnxRuntimeAgreementTests
{
    /// <summary>Each network with the scale of its random inputs (uniform in [-scale, scale]).</summary>
    private static readonly Dictionary<string, (Func<INetwork> Create, float InputScale)> Networks = new()
    {
        // The two networks of the README and the samples.
        [nameof(MnistMlp)] = (() => new MnistMlp(seed: 1), 1f),
        [nameof(LeNet5)] = (() => new LeNet5(seed: 2), 1f),

        // Every activation: Sigmoid, Tanh, ReLU, ArcTan, LeakyReLU, ELU, SoftPlus (beta 2), Softmax, BinaryStep, PReLU.
        [nameof(SingleSigmoidMse)] = (() => new SingleSigmoidMse(seed: 3), 2f),
        [nameof(SigmoidMse)] = (() => new SigmoidMse(seed: 4), 2f),
        [nameof(TanhMse)] = (() => new TanhMse(seed: 5), 2f),
        [nameof(ReluCrossEntropy)] = (() => new ReluCrossEntropy(seed: 6), 2f),
        [nameof(NoBiasCrossEntropy)] = (() => new NoBiasCrossEntropy(seed: 7), 2f),
        [nameof(DeepCrossEntropy)] = (() => new DeepCrossEntropy(seed: 8), 2f),
        [nameof(DeepMse)] = (() => new DeepMse(seed: 9), 2f),
        [nameof(XorNetwork)] = (() => new XorNetwork(seed: 10), 2f),
        [nameof(ArcTanLeakyL1)] = (() => new ArcTanLeakyL1(seed: 11), 2f),
        [nameof(EluSoftPlusSoftmax)] = (() => new EluSoftPlusSoftmax(seed: 12), 2f),
        [nameof(SigmoidBce)] = (() => new SigmoidBce(seed: 13), 2f),
        [nameof(LogitsBce)] = (() => new LogitsBce(seed: 14), 2f),
        [nameof(LinearPerceptronLoss)] = (() => new LinearPerceptronLoss(seed: 15), 2f),
        [nameof(RegularizedNetwork)] = (() => new RegularizedNetwork(seed: 16), 2f),
        [nameof(TwoInputPerceptron)] = (() => new TwoInputPerceptron(seed: 17), 2f),
        [nameof(OnnxBinaryStepNetwork)] = (() => new OnnxBinaryStepNetwork(seed: 18), 2f),
        [nameof(OnnxSoftPlusNetwork)] = (() => new OnnxSoftPlusNetwork(seed: 19), 30f), // beta * z well past 20
        [nameof(OnnxDenseOnImageNetwork)] = (() => new OnnxDenseOnImageNetwork(seed: 20), 2f),

        // Convolution, pooling, dropout, PReLU.
        [nameof(SmallCnn)] = (() => new SmallCnn(seed: 21), 1f),
        [nameof(StridedCnn)] = (() => new StridedCnn(seed: 22), 1f),
        [nameof(PReLUNetwork)] = (() => new PReLUNetwork(seed: 23), 1f),
        [nameof(DropoutNetwork)] = (() => new DropoutNetwork(seed: 24), 2f),
        [nameof(InputDropoutNetwork)] = (() => new InputDropoutNetwork(seed: 25), 2f),
        [nameof(MaxNormNetwork)] = (() => new MaxNormNetwork(seed: 26), 2f),
        [nameof(OnnxImageSoftmaxNetwork)] = (() => new OnnxImageSoftmaxNetwork(seed: 27), 1f),
        [nameof(OnnxImageOutputNetwork)] = (() => new OnnxImageOutputNetwork(seed: 28), 1f),
        [nameof(OnnxImageSoftmaxOutputNetwork)] = (() => new OnnxImageSoftmaxOutputNetwork(seed: 29), 1f),
    };

    public static IEnumerable<object[]> Cases()
    {
        foreach (string name in Networks.Keys)
        {
            yield return [name, 1];
            yield return [name, 7];
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ExportedModel_MatchesForward(string name, int batch)
    {
        (Func<INetwork> create, float scale) = Networks[name];
        INetwork network = create();
        float[] inputs = NetworkNumericsTests.RandomValues(batch * network.InputSize, seed: 100 + batch, scale);
        var expected = new float[batch * network.OutputSize];
        network.Forward(inputs, expected);

        float[] actual = OnnxRuntimeRunner.Run(OnnxExporter.Export(network), network, inputs, batch);

        OnnxRuntimeRunner.AssertClose(name, expected, actual, network.OutputSize);
    }

    [Fact]
    public void ExportedModel_CarriesTheCurrentParameters()
    {
        // After training steps the export must hold the updated weights and PReLU slopes, not the initial ones.
        var network = new PReLUNetwork(seed: 30);
        float[] inputs = NetworkNumericsTests.RandomValues(5 * PReLUNetwork.InputSize, seed: 31, scale: 1f);
        float[] targets = NetworkNumericsTests.RandomValues(5 * PReLUNetwork.OutputSize, seed: 32, scale: 1f);
        var sgd = new Sgd(0.5f, momentum: 0.9f);
        for (int step = 0; step < 5; step++)
        {
            network.ComputeGradients(inputs, targets);
            sgd.Step(network.Parameters, network.Gradients);
        }

        var expected = new float[5 * PReLUNetwork.OutputSize];
        network.Forward(inputs, expected);

        float[] actual = OnnxRuntimeRunner.Run(OnnxExporter.Export(network), network, inputs, 5);

        OnnxRuntimeRunner.AssertClose(nameof(PReLUNetwork), expected, actual, PReLUNetwork.OutputSize);
    }

    [Fact]
    public void BinaryStep_AtExactlyZero_GivesOneLikeNetGen()
    {
        // The one point where >= and > differ: a zero pre-activation. With all parameters 0, every z is exactly 0.
        var network = new TwoInputPerceptron(new float[TwoInputPerceptron.ParameterCount]);
        float[] inputs = [0.5f, -2f, 0f, 0f];
        var expected = new float[2];
        network.Forward(inputs, expected);
        Assert.Equal([1f, 1f], expected);

        float[] actual = OnnxRuntimeRunner.Run(OnnxExporter.Export(network), network, inputs, 2);

        Assert.Equal(expected, actual);
    }
}
