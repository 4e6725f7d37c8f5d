using System;
using System.Collections.Generic;
using System.Linq;

namespace NetGen.Tests.Reference;

/// <summary>One layer as the reference understands it.</summary>
public abstract record ReferenceLayerBase;

/// <summary>A dense layer; <paramref name="Parameter"/> is the slope, alpha or beta of the activation.</summary>
public sealed record ReferenceLayer(
    int Units, Activation Activation, bool Bias = true, double Parameter = 0, int Slopes = 0, double L1 = 0, double L2 = 0)
    : ReferenceLayerBase;

/// <summary>A convolution, square kernel, zero padding.</summary>
public sealed record ReferenceConv(
    int Filters, int Kernel, Activation Activation, int Stride = 1, int Padding = 0, bool Bias = true, double Parameter = 0, int Slopes = 0)
    : ReferenceLayerBase;

/// <summary>Max (or average) pooling without padding.</summary>
public sealed record ReferencePool(bool Max, int Size, int Stride) : ReferenceLayerBase;

/// <summary>
/// A float64 reimplementation of NetGen's networks, written from the definitions (PyTorch's nn.Linear, nn.Conv2d,
/// pooling, the activations and the mean-reduced losses) and sharing no code with NetGen's kernels. Its gradients
/// come from central finite differences of its own loss, so nothing here depends on a backward pass.
/// Dropout is not modelled: it is random in training and the identity in inference.
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly (int C, int H, int W) _input;

    public ReferenceNetwork(int inputSize, Loss loss, params ReferenceLayerBase[] layers)
        : this((inputSize, 1, 1), loss, layers)
    {
    }

    public ReferenceNetwork((int C, int H, int W) input, Loss loss, params ReferenceLayerBase[] layers)
    {
        _input = input;
        Loss = loss;
        Layers = layers;
    }

    public int InputSize => _input.C * _input.H * _input.W;

    public Loss Loss { get; }

    public IReadOnlyList<ReferenceLayerBase> Layers { get; }

    public int OutputSize => Walk(null, new double[InputSize], out _).Length;

    public int ParameterCount
    {
        get
        {
            Walk(null, new double[InputSize], out int count);
            return count;
        }
    }

    /// <summary>Outputs of one sample; parameters in PyTorch layout (weight, then bias, then PReLU slopes).</summary>
    public double[] Forward(double[] parameters, ReadOnlySpan<double> input) => Walk(parameters, input.ToArray(), out _);

    /// <summary>The weight penalty sum(l1 |w| + l2 w^2) over dense layers with a penalty.</summary>
    public double Penalty(double[] parameters)
    {
        if (!Layers.Any(l => l is ReferenceLayer { L1: > 0 } or ReferenceLayer { L2: > 0 }))
        {
            return 0;
        }

        double total = 0;
        int offset = 0, fanIn = InputSize;
        foreach (ReferenceLayerBase layer in Layers)
        {
            if (layer is ReferenceLayer dense)
            {
                for (int i = 0; i < dense.Units * fanIn; i++)
                {
                    double w = parameters[offset + i];
                    total += dense.L1 * Math.Abs(w) + dense.L2 * w * w;
                }

                offset += dense.Units * fanIn + (dense.Bias ? dense.Units : 0) + dense.Slopes;
                fanIn = dense.Units;
            }
            else if (layer is not ReferencePool)
            {
                throw new NotSupportedException("Penalties are modelled for dense-only references.");
            }
        }

        return total;
    }

    /// <summary>Mean loss over a batch with float targets ([batch, OutputSize]), plus the weight penalties.</summary>
    public double MeanLoss(double[] parameters, double[] inputs, double[] targets)
    {
        int batch = inputs.Length / InputSize, outputs = OutputSize;
        double total = 0;
        for (int b = 0; b < batch; b++)
        {
            double[] y = Forward(parameters, inputs.AsSpan(b * InputSize, InputSize));
            double[] t = targets.AsSpan(b * outputs, outputs).ToArray();
            total += Loss switch
            {
                Loss.MSE => y.Select((v, i) => (v - t[i]) * (v - t[i])).Sum() / outputs,
                Loss.L1 => y.Select((v, i) => Math.Abs(v - t[i])).Sum() / outputs,
                Loss.BCE => y.Select((v, i) => -(t[i] * Math.Max(Math.Log(v), -100) + (1 - t[i]) * Math.Max(Math.Log(1 - v), -100))).Sum() / outputs,
                Loss.BCEWithLogits => y.Select((z, i) => Math.Max(z, 0) - z * t[i] + Math.Log(1 + Math.Exp(-Math.Abs(z)))).Sum() / outputs,
                Loss.Perceptron => y.Select((v, i) => 0.5 * (t[i] - v) * (t[i] - v)).Sum(),
                _ => CrossEntropy(y, t),
            };
        }

        return total / batch + Penalty(parameters);
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

    /// <summary>Runs the layers; with null parameters only counts them (and returns a zero output of the right size).</summary>
    private double[] Walk(double[]? parameters, double[] x, out int parameterCount)
    {
        (int c, int h, int w) = _input;
        int offset = 0;
        double P(int i) => parameters is null ? 0 : parameters[i];
        foreach (ReferenceLayerBase layer in Layers)
        {
            switch (layer)
            {
                case ReferenceLayer dense:
                {
                    int fanIn = x.Length;
                    var y = new double[dense.Units];
                    for (int o = 0; o < dense.Units; o++)
                    {
                        double z = 0;
                        for (int i = 0; i < fanIn; i++)
                        {
                            z += P(offset + o * fanIn + i) * x[i];
                        }

                        y[o] = z + (dense.Bias ? P(offset + dense.Units * fanIn + o) : 0);
                    }

                    offset += dense.Units * fanIn + (dense.Bias ? dense.Units : 0);
                    y = Activate(dense.Activation, dense.Parameter, y, dense.Units, 1, dense.Slopes, offset, P);
                    offset += dense.Slopes;
                    x = y;
                    (c, h, w) = (dense.Units, 1, 1);
                    break;
                }

                case ReferenceConv conv:
                {
                    int oh = (h + 2 * conv.Padding - conv.Kernel) / conv.Stride + 1, ow = (w + 2 * conv.Padding - conv.Kernel) / conv.Stride + 1;
                    int k = conv.Kernel, weights = conv.Filters * c * k * k;
                    var y = new double[conv.Filters * oh * ow];
                    for (int f = 0; f < conv.Filters; f++)
                    {
                        for (int r = 0; r < oh; r++)
                        {
                            for (int q = 0; q < ow; q++)
                            {
                                double z = conv.Bias ? P(offset + weights + f) : 0;
                                for (int ch = 0; ch < c; ch++)
                                {
                                    for (int i = 0; i < k; i++)
                                    {
                                        for (int j = 0; j < k; j++)
                                        {
                                            int yy = r * conv.Stride + i - conv.Padding, xx = q * conv.Stride + j - conv.Padding;
                                            if (yy >= 0 && yy < h && xx >= 0 && xx < w)
                                            {
                                                z += P(offset + ((f * c + ch) * k + i) * k + j) * x[(ch * h + yy) * w + xx];
                                            }
                                        }
                                    }
                                }

                                y[(f * oh + r) * ow + q] = z;
                            }
                        }
                    }

                    offset += weights + (conv.Bias ? conv.Filters : 0);
                    y = Activate(conv.Activation, conv.Parameter, y, conv.Filters, oh * ow, conv.Slopes, offset, P);
                    offset += conv.Slopes;
                    x = y;
                    (c, h, w) = (conv.Filters, oh, ow);
                    break;
                }

                case ReferencePool pool:
                {
                    int oh = (h - pool.Size) / pool.Stride + 1, ow = (w - pool.Size) / pool.Stride + 1;
                    var y = new double[c * oh * ow];
                    for (int ch = 0; ch < c; ch++)
                    {
                        for (int r = 0; r < oh; r++)
                        {
                            for (int q = 0; q < ow; q++)
                            {
                                double acc = pool.Max ? double.NegativeInfinity : 0;
                                for (int i = 0; i < pool.Size; i++)
                                {
                                    for (int j = 0; j < pool.Size; j++)
                                    {
                                        double v = x[(ch * h + r * pool.Stride + i) * w + q * pool.Stride + j];
                                        acc = pool.Max ? Math.Max(acc, v) : acc + v / (pool.Size * pool.Size);
                                    }
                                }

                                y[(ch * oh + r) * ow + q] = acc;
                            }
                        }
                    }

                    x = y;
                    (h, w) = (oh, ow);
                    break;
                }
            }
        }

        parameterCount = offset;
        return x;
    }

    private static double[] Activate(Activation activation, double parameter, double[] z, int channels, int spatial, int slopes, int slopeOffset, Func<int, double> p)
    {
        var y = new double[z.Length];
        if (activation == Activation.Softmax)
        {
            double max = z.Max();
            double sum = z.Sum(v => Math.Exp(v - max));
            for (int i = 0; i < z.Length; i++)
            {
                y[i] = Math.Exp(z[i] - max) / sum;
            }

            return y;
        }

        for (int i = 0; i < z.Length; i++)
        {
            double v = z[i];
            y[i] = activation switch
            {
                Activation.Identity => v,
                Activation.Sigmoid => 1 / (1 + Math.Exp(-v)),
                Activation.Tanh => Math.Tanh(v),
                Activation.ReLU => Math.Max(0, v),
                Activation.BinaryStep => v >= 0 ? 1 : 0,
                Activation.ArcTan => Math.Atan(v),
                Activation.LeakyReLU => v > 0 ? v : parameter * v,
                Activation.ELU => v > 0 ? v : parameter * (Math.Exp(v) - 1),
                Activation.SoftPlus => parameter * v > 20 ? v : Math.Log(1 + Math.Exp(parameter * v)) / parameter,
                Activation.PReLU => v > 0 ? v : p(slopeOffset + (slopes == 1 ? 0 : i / spatial)) * v,
                _ => throw new ArgumentOutOfRangeException(nameof(activation)),
            };
        }

        return y;
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
}
