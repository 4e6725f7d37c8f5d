using System;
using System.Collections.Generic;
using System.Globalization;
using NetGen;
using NetGen.Optimizers;

namespace Perceptron;

/// <summary>
/// Presents samples one at a time, in order, as the perceptron is taught: with a step output, the perceptron loss and
/// plain SGD, each presentation applies <c>w += lr * (t - y) * x</c>. Stops after the first epoch without an error.
/// </summary>
public static class DeltaRule
{
    /// <summary>One presentation: the sample, the output, the error and the parameters after the update.</summary>
    public sealed record Presentation(int Epoch, float[] Input, float Target, float Output, float[] Parameters)
    {
        public float Error => Target - Output;
    }

    public static List<Presentation> Train(INetwork network, float[][] inputs, float[] targets, float learningRate, int maxEpochs = 100)
    {
        var sgd = new Sgd(learningRate);
        var history = new List<Presentation>();
        float[] output = new float[1];
        for (int epoch = 1; epoch <= maxEpochs; epoch++)
        {
            int errors = 0;
            for (int i = 0; i < inputs.Length; i++)
            {
                network.Forward(inputs[i], output);
                network.ComputeGradients(inputs[i], [targets[i]]);
                sgd.Step(network.Parameters, network.Gradients);
                errors += output[0] != targets[i] ? 1 : 0;
                history.Add(new Presentation(epoch, inputs[i], targets[i], output[0], network.Parameters.ToArray()));
            }

            if (errors == 0)
            {
                break;
            }
        }

        return history;
    }

    public static string Format(Presentation p) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {p.Epoch}  x = ({p.Input[0]}, {p.Input[1]})  t = {p.Target}  y = {p.Output}  error = {p.Error,2}  parameters = ({string.Join(", ", Array.ConvertAll(p.Parameters, v => MathF.Round(v, 4).ToString(CultureInfo.InvariantCulture)))})");
}
