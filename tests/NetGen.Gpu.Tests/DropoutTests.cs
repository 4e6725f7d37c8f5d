using System;
using Xunit;

namespace NetGen.Gpu.Tests;

/// <summary>
/// Dropout while training on the device: its masks are drawn on the device (so they differ from the CPU's), hence the
/// reference is computed here in double from the downloaded mask and the network's parameters.
/// </summary>
[Collection(AcceleratorCollection.Name)]
public sealed class DropoutTests(AcceleratorFixture fixture)
{
    // DropoutMlp: 8 -> Dense 6 ReLU -> Dropout(0.5) -> Dense 3. Per sample: outputs 6, 6, 3, then the mask (6).
    private const int In = 8, Hidden = 6, Out = 3;

    [Theory]
    [InlineData(GpuKernelShape.Tiled)]
    [InlineData(GpuKernelShape.Direct)]
    public void MasksOutputsAndGradientsMatchAReferenceBuiltFromTheMask(GpuKernelShape shape)
    {
        const int batch = 64;
        var cpu = new DropoutMlp(seed: 3);
        using var gpu = new DropoutMlp.Gpu(fixture.Device.Accelerator, cpu, maxBatch: batch, shape);
        float[] x = TestData.Uniform(batch * In, seed: 8);
        int[] labels = TestData.Labels(batch, Out, seed: 9);
        float loss = gpu.ComputeGradients(x, labels);
        float[] activations = new float[batch * (Hidden + Hidden + Out + Hidden)];
        gpu.CopyActivationsTo(activations);
        ReadOnlySpan<float> y0 = activations.AsSpan(0, batch * Hidden);
        ReadOnlySpan<float> y1 = activations.AsSpan(batch * Hidden, batch * Hidden);
        float[] mask = activations.AsSpan(batch * (2 * Hidden + Out), batch * Hidden).ToArray();

        int dropped = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            Assert.True(mask[i] == 0f || mask[i] == 2f, $"mask[{i}] = {mask[i]}");
            dropped += mask[i] == 0f ? 1 : 0;
            Assert.Equal(y0[i] * mask[i], y1[i]);
        }

        // 384 draws with p = 0.5: the share dropped lies within six standard deviations (0.15) of one half.
        Assert.InRange(dropped / (double)mask.Length, 0.35, 0.65);

        // Reference in double: W0 [6, 8], b0 [6], W2 [3, 6], b2 [3] in the CPU network's layout.
        float[] p = cpu.Parameters.ToArray();
        int w0 = 0, b0 = 48, w2 = 54, b2 = 72;
        double[] hidden = new double[batch * Hidden], dropout = new double[batch * Hidden];
        double[] g = new double[DropoutMlp.ParameterCount];
        double lossSum = 0;
        for (int s = 0; s < batch; s++)
        {
            for (int j = 0; j < Hidden; j++)
            {
                double z = p[b0 + j];
                for (int i = 0; i < In; i++)
                {
                    z += (double)x[s * In + i] * p[w0 + j * In + i];
                }

                hidden[s * Hidden + j] = Math.Max(0, z);
                dropout[s * Hidden + j] = hidden[s * Hidden + j] * mask[s * Hidden + j];
            }

            double[] logits = new double[Out];
            double max = double.NegativeInfinity;
            for (int o = 0; o < Out; o++)
            {
                logits[o] = p[b2 + o];
                for (int j = 0; j < Hidden; j++)
                {
                    logits[o] += dropout[s * Hidden + j] * p[w2 + o * Hidden + j];
                }

                max = Math.Max(max, logits[o]);
            }

            double sum = 0;
            for (int o = 0; o < Out; o++)
            {
                sum += Math.Exp(logits[o] - max);
            }

            lossSum += Math.Log(sum) + max - logits[labels[s]];
            double[] dHidden = new double[Hidden];
            for (int o = 0; o < Out; o++)
            {
                double dz = (Math.Exp(logits[o] - max) / sum - (o == labels[s] ? 1 : 0)) / batch;
                g[b2 + o] += dz;
                for (int j = 0; j < Hidden; j++)
                {
                    g[w2 + o * Hidden + j] += dz * dropout[s * Hidden + j];
                    dHidden[j] += dz * p[w2 + o * Hidden + j];
                }
            }

            for (int j = 0; j < Hidden; j++)
            {
                double dz = hidden[s * Hidden + j] > 0 ? dHidden[j] * mask[s * Hidden + j] : 0;
                g[b0 + j] += dz;
                for (int i = 0; i < In; i++)
                {
                    g[w0 + j * In + i] += dz * x[s * In + i];
                }
            }
        }

        Assert.Equal(lossSum / batch, loss, 1e-5);
        float[] expectedHidden = Array.ConvertAll(hidden, v => (float)v);
        TestData.Close(expectedHidden, y0, 1e-5f, 1e-4f, "hidden outputs");
        float[] gradients = new float[DropoutMlp.ParameterCount];
        gpu.CopyGradientsTo(gradients);
        TestData.Close(Array.ConvertAll(g, v => (float)v), gradients, 1e-5f, 1e-4f, "gradients");

        // The next training step draws another mask.
        gpu.ComputeGradients(x, labels);
        gpu.CopyActivationsTo(activations);
        Assert.NotEqual(mask, activations.AsSpan(batch * (2 * Hidden + Out), batch * Hidden).ToArray());
    }
}
