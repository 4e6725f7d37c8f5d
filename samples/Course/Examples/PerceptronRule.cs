using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using NetGen;
using NetGen.Optimizers;

namespace Course.Examples;

/// <summary>One presentation of a sample: what the perceptron answered and its parameters after the update.</summary>
public sealed record Presentation(int Epoch, float[] Input, float Target, float Output, float[] Parameters)
{
    /// <summary>The perceptron's error <c>t - y</c>: -1, 0 or 1.</summary>
    public float Error => Target - Output;
}

/// <summary>What a perceptron run did: every presentation, the epochs used and whether the last one made no error.</summary>
public sealed record PerceptronResult(IReadOnlyList<Presentation> Presentations, int Epochs, bool Converged, float[] Parameters);

/// <summary>
/// The perceptron rule on a <c>[Dense(1, Activation.BinaryStep)]</c> network with <c>Loss.Perceptron</c>: the loss
/// gradient is <c>(y - t) x</c> and the step's derivative is taken as 1, so one plain SGD step on one sample is
/// <c>w += lr (t - y) x</c>, <c>b += lr (t - y)</c>. Samples are presented one at a time, in order, until an epoch
/// makes no error.
/// </summary>
public static class PerceptronRule
{
    public static PerceptronResult Train(
        INetwork network, float[][] inputs, float[] targets, float learningRate, int maxEpochs, TextWriter? printEach)
    {
        var sgd = new Sgd(learningRate);
        var presentations = new List<Presentation>();
        float[] y = new float[1];
        for (int epoch = 1; epoch <= maxEpochs; epoch++)
        {
            int errors = 0;
            for (int i = 0; i < inputs.Length; i++)
            {
                network.Forward(inputs[i], y);
                network.ComputeGradients(inputs[i], [targets[i]]);
                sgd.Step(network.Parameters, network.Gradients);
                var presentation = new Presentation(epoch, inputs[i], targets[i], y[0], network.Parameters.ToArray());
                presentations.Add(presentation);
                errors += presentation.Error != 0 ? 1 : 0;
                printEach?.WriteLine(Format(presentation, network.InputSize));
            }

            if (errors == 0)
            {
                return new PerceptronResult(presentations, epoch, true, network.Parameters.ToArray());
            }
        }

        return new PerceptronResult(presentations, maxEpochs, false, network.Parameters.ToArray());
    }

    /// <summary>
    /// <c>epoch 1  x = (1, 1)  t = 1  y = 0  error = 1  ->  w = (0.088, 0.26)  b = -0.27</c>; the bias is shown only
    /// when the network has one (parameters beyond the weights).
    /// </summary>
    public static string Format(Presentation p, int inputSize)
    {
        string weights = string.Join(", ", p.Parameters.Take(inputSize).Select(Number));
        string bias = p.Parameters.Length > inputSize ? $"  b = {Number(p.Parameters[inputSize])}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {p.Epoch}  x = ({string.Join(", ", p.Input.Select(Number))})  t = {p.Target}  y = {p.Output}  error = {p.Error,2}  ->  w = ({weights}){bias}");
    }

    /// <summary>A parameter rounded to 4 decimals, so that 0.088 prints as 0.088 and not 0.08800001.</summary>
    public static string Number(float value) => Math.Round(value, 4).ToString(CultureInfo.InvariantCulture);
}
