using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Reference;

/// <summary>One dense layer as the reference understands it.</summary>
public sealed record ReferenceLayer(int Units, Activation Activation, bool Bias = true);

/// <summary>
/// A float64 reimplementation of a dense network, written from the definitions (PyTorch's nn.Linear, MSELoss and
/// CrossEntropyLoss with mean reduction) and sharing no code with NetGen's kernels. Its gradients come from central
/// finite differences of its own loss, so nothing here depends on a backward pass.
/// </summary>
public sealed class ReferenceNetwork(int inputSize, Loss loss, params ReferenceLayer[] layers)
{
    public int InputSize { get; } = inputSize;

    public Loss Loss { get; } = loss;

    public IReadOnlyList<ReferenceLayer> Layers { get; } = layers;

    public int OutputSize => Layers[^1].Units;

    public int ParameterCount
    {
        get
        {
            int count = 0, fanIn = InputSize;
            foreach (ReferenceLayer layer in Layers)
            {
                count += layer.Units * fanIn + (layer.Bias ? layer.Units : 0);
                fanIn = layer.Units;
            }

            return count;
        }
    }

    /// <summary>Outputs of one sample; parameters in PyTorch layout (weight [out, in] row-major, then bias).</summary>
    public double[] Forward(double[] parameters, ReadOnlySpan<double> input)
    {
        double[] x = input.ToArray();
        int offset = 0;
        foreach (ReferenceLayer layer in Layers)
        {
            int fanIn = x.Length;
            var y = new double[layer.Units];
            for (int o = 0; o < layer.Units; o++)
            {
                double z = 0;
                for (int i = 0; i < fanIn; i++)
                {
                    z += parameters[offset + o * fanIn + i] * x[i];
                }

                if (layer.Bias)
                {
                    z += parameters[offset + layer.Units * fanIn + o];
                }

                y[o] = Activate(layer.Activation, z);
            }

            offset += layer.Units * fanIn + (layer.Bias ? layer.Units : 0);
            x = y;
        }

        return x;
    }

    /// <summary>Mean loss over a batch with float targets ([batch, OutputSize]).</summary>
    public double MeanLoss(double[] parameters, double[] inputs, double[] targets)
    {
        int batch = inputs.Length / InputSize;
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            double[] y = Forward(parameters, inputs.AsSpan(b * InputSize, InputSize));
            double[] t = targets.AsSpan(b * OutputSize, OutputSize).ToArray();
            total += Loss == Loss.MSE
                ? y.Select((v, i) => (v - t[i]) * (v - t[i])).Sum() / OutputSize
                : CrossEntropy(y, t);
        }

        return total / batch;
    }

    /// <summary>Mean cross-entropy over a batch of class indices.</summary>
    public double MeanLoss(double[] parameters, double[] inputs, int[] labels) =>
        MeanLoss(parameters, inputs, OneHot(labels));

    public double[] OneHot(int[] labels)
    {
        var targets = new double[labels.Length * OutputSize];
        for (int b = 0; b < labels.Length; b++)
        {
            targets[b * OutputSize + labels[b]] = 1;
        }

        return targets;
    }

    /// <summary>Central finite differences of <paramref name="loss"/> with respect to every parameter.</summary>
    public static double[] FiniteDifferences(double[] parameters, Func<double[], double> loss, double step = 1e-6)
    {
        var gradient = new double[parameters.Length];
        double[] p = (double[])parameters.Clone();
        for (int i = 0; i < p.Length; i++)
        {
            double saved = p[i];
            p[i] = saved + step;
            double plus = loss(p);
            p[i] = saved - step;
            double minus = loss(p);
            p[i] = saved;
            gradient[i] = (plus - minus) / (2 * step);
        }

        return gradient;
    }

    private static double CrossEntropy(double[] logits, double[] targets)
    {
        double max = logits.Max();
        double logSumExp = max + Math.Log(logits.Sum(z => Math.Exp(z - max)));
        double total = 0;
        for (int c = 0; c < logits.Length; c++)
        {
            total -= targets[c] * (logits[c] - logSumExp);
        }

        return total;
    }

    private static double Activate(Activation activation, double z) => activation switch
    {
        Activation.Identity => z,
        Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
        Activation.Tanh => Math.Tanh(z),
        Activation.ReLU => Math.Max(0, z),
        _ => throw new ArgumentOutOfRangeException(nameof(activation)),
    };
}
