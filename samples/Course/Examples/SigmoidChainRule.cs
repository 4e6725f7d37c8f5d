using System;
using System.IO;
using NetGen;
using static System.FormattableString;

namespace Course.Examples;

/// <summary>One sigmoid neuron, f(w, x) = 1 / (1 + e^-(w0 x0 + w1 x1 + w2)).</summary>
[Network(Loss = Loss.Perceptron)]
[Input(2)]
[Dense(1, Activation.Sigmoid)]
public partial class SigmoidNeuron { }

/// <summary>
/// The neuron's value, its partial derivatives with respect to w0, w1, w2 (from NetGen's generated backward pass) and
/// x0, x1 (chain rule), and the same derivatives by central finite differences on the generated forward pass.
/// </summary>
public sealed record SigmoidResult(
    float Output,
    float[] ParameterGradients,
    float[] InputGradients,
    float[] ParameterDifferences,
    float[] InputDifferences,
    double CourseRoundedProduct);

/// <summary>
/// The course's chain-rule example: w = (2, -3, -3), x = (-1, -2). Forward: z = -2 + 6 - 3 = 1, f = sigma(1) = 0.731.
/// Backward, gate by gate, as on the blackboard with two decimals, then exactly by NetGen.
/// </summary>
public static class SigmoidChainRule
{
    public const string Name = "sigmoid-chain-rule";

    public static SigmoidResult Run(TextWriter output, CourseOptions options)
    {
        float[] x = [-1f, -2f];
        var neuron = new SigmoidNeuron([2f, -3f, -3f]); // w0, w1, then w2 as the bias

        // The blackboard: forward through each gate, then each gate's local derivative times the one from above,
        // rounded to two decimals as the course does.
        double z = 2 * -1 + -3 * -2 + -3, e = Math.Exp(-z), u = 1 + e, f = 1 / u;
        output.WriteLine("forward, gate by gate:");
        output.WriteLine(Invariant($"  w0 x0 = -2, w1 x1 = 6, z = w0 x0 + w1 x1 + w2 = {z}"));
        output.WriteLine(Invariant($"  e^-z = {e:F2}, u = 1 + e^-z = {u:F2}, f = 1/u = {f:F2}"));
        double dU = Math.Round(-1 / (u * u), 2), eRounded = Math.Round(e, 2), dExp = dU * eRounded, dz = -dExp;
        output.WriteLine("backward, two decimals:");
        output.WriteLine(Invariant($"  df/du = -1/u^2 = {dU:F2}; through + 1: {dU:F2}"));
        output.WriteLine(Invariant($"  through exp: {dU:F2} * e^-z = {dU:F2} * {eRounded:F2} = {dExp:F4} ~ {dExp:F2}; through * -1: df/dz = {dz:F2}"));
        output.WriteLine(Invariant($"  df/dw0 = x0 df/dz = {-1 * dz:F2}   df/dx0 = w0 df/dz = {2 * dz:F2}"));
        output.WriteLine(Invariant($"  df/dw1 = x1 df/dz = {-2 * dz:F2}   df/dx1 = w1 df/dz = {-3 * dz:F2}"));
        output.WriteLine(Invariant($"  df/dw2 = df/dz = {dz:F2}"));

        // NetGen. ComputeGradients gives dL/dparameters for a loss L; to read df/dparameters we pick the target so
        // that dL/df = 1. Loss.Perceptron is L = (t - f)^2 / 2 per sample, so dL/df = f - t, and the target t = f - 1
        // makes it exactly 1 (f - 1 is exact in float for f in [0.5, 1]); the chain rule then leaves df/dw.
        float[] y = new float[1];
        neuron.Forward(x, y);
        float output0 = y[0];
        neuron.ComputeGradients(x, [output0 - 1f]);
        float[] dParameters = neuron.Gradients.ToArray();

        // The inputs have no gradient buffer: by the chain rule df/dx_i = w_i * f (1 - f), with sigma' = f (1 - f).
        float slope = output0 * (1 - output0);
        float[] dInputs = [neuron.Parameters[0] * slope, neuron.Parameters[1] * slope];

        // Central differences on the generated Forward: (f(v + h) - f(v - h)) / 2h, for each parameter and input.
        const float h = 1e-2f;
        float[] fdParameters = new float[3], fdInputs = new float[2];
        for (int k = 0; k < 3; k++)
        {
            fdParameters[k] = CentralDifference(neuron.Parameters, k, h, () => Evaluate(neuron, x));
        }

        for (int k = 0; k < 2; k++)
        {
            fdInputs[k] = CentralDifference(x, k, h, () => Evaluate(neuron, x));
        }

        output.WriteLine(Invariant($"NetGen, generated forward: f = {output0:F6} (sigma(1) = 0.731059)"));
        string[] names = ["w0", "w1", "w2", "x0", "x1"];
        float[] exact = [.. dParameters, .. dInputs], differences = [.. fdParameters, .. fdInputs];
        for (int k = 0; k < names.Length; k++)
        {
            string source = k < 3 ? "generated backward" : "chain rule        ";
            float gap = Math.Abs(exact[k] - differences[k]);
            output.WriteLine(Invariant($"  df/d{names[k]} = {exact[k],10:F6} ({source}), finite difference {differences[k],10:F6}, apart {gap:0.0E+0}"));
        }

        output.WriteLine(Invariant($"df/dw0 = -sigma(1)(1 - sigma(1)) = {dParameters[0]:F4}; the course's rounded factors give {dExp:F4} ~ {dExp:F2}"));
        return new SigmoidResult(output0, dParameters, dInputs, fdParameters, fdInputs, dExp);
    }

    private static float Evaluate(SigmoidNeuron neuron, float[] x)
    {
        float[] y = new float[1];
        neuron.Forward(x, y);
        return y[0];
    }

    private static float CentralDifference(Span<float> values, int k, float h, Func<float> f)
    {
        float saved = values[k];
        values[k] = saved + h;
        float plus = f();
        values[k] = saved - h;
        float minus = f();
        values[k] = saved;
        return (plus - minus) / (2 * h);
    }
}
