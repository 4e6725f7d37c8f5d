using System;
using NetGen.Kernels;
using NetGen.Tests.Reference;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>
/// <see cref="Conv2D"/> against a naive float64 convolution written from torch.nn.Conv2d's definition, the course's
/// worked example, and its backward against central finite differences of <c>sum(out * dout)</c>.
/// </summary>
public class Conv2DTests
{
    /// <summary>batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding.</summary>
    public static TheoryData<int, int, int, int, int, int, int, int> ForwardShapes => new()
    {
        { 2, 1, 5, 7, 1, 3, 1, 0 },
        { 1, 2, 6, 5, 3, 3, 2, 1 },
        { 2, 3, 7, 9, 4, 5, 1, 2 },
        { 1, 3, 8, 6, 2, 3, 2, 2 },
        { 3, 2, 4, 4, 4, 1, 1, 0 },
        { 1, 1, 5, 5, 2, 5, 2, 2 },
        { 1, 2, 1, 3, 2, 5, 1, 2 }, // some kernel rows never touch the image
        { 1, 1, 7, 8, 2, 2, 3, 1 },
        { 2, 1, 28, 28, 6, 5, 1, 2 }, // LeNet-5 C1
        { 1, 6, 14, 14, 16, 5, 1, 0 }, // LeNet-5 C3
    };

    [Theory]
    [MemberData(nameof(ForwardShapes))]
    public void Forward_MatchesNaiveLoop(int batch, int inC, int inH, int inW, int outC, int k, int stride, int padding)
    {
        foreach (bool withBias in new[] { true, false })
        {
            foreach (Activation activation in new[] { Activation.Identity, Activation.Tanh })
            {
                int outH = Conv2D.OutputSize(inH, k, stride, padding), outW = Conv2D.OutputSize(inW, k, stride, padding);
                float[] x = NetworkNumericsTests.RandomValues(batch * inC * inH * inW, seed: 1, scale: 1f);
                float[] w = NetworkNumericsTests.RandomValues(outC * inC * k * k, seed: 2, scale: 0.5f);
                float[] b = withBias ? NetworkNumericsTests.RandomValues(outC, seed: 3, scale: 1f) : [];
                float[] y = new float[batch * outC * outH * outW];
                y.AsSpan().Fill(float.NaN); // every output must be written
                Forward(activation, x, w, b, y, batch, inC, inH, inW, outC, k, stride, padding);

                double[] expected = ReferenceForward(activation, ToDouble(x), ToDouble(w), ToDouble(b), batch, inC, inH, inW, outC, k, stride, padding);
                Assert.Equal(expected.Length, y.Length);
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.True(Math.Abs(expected[i] - y[i]) <= 1e-5 * (1 + Math.Abs(expected[i])),
                        $"{activation}, bias {withBias}: output {i} is {y[i]}, reference {expected[i]}");
                }
            }
        }
    }

    [Fact]
    public void Forward_CourseExample_VerticalEdgeDetector()
    {
        float[] x =
        [
            7, 2, 3, 3, 8,
            4, 5, 3, 8, 4,
            3, 3, 2, 8, 4,
            2, 8, 7, 2, 7,
            5, 4, 4, 5, 4,
        ];
        float[] w = [1, 0, -1, 1, 0, -1, 1, 0, -1];
        float[] y = new float[9];
        Conv2D.Forward(new IdentityOperator(), x, w, [], y, 1, 1, 5, 5, 1, 3, 1, 0);
        Assert.Equal([6f, -9f, -8f, -3f, -2f, -3f, -3f, 0f, -2f], y);
    }

    [Theory]
    [InlineData(5, 3, 1, 0, 3)]
    [InlineData(28, 5, 1, 2, 28)]
    [InlineData(14, 5, 1, 0, 10)]
    [InlineData(6, 3, 2, 1, 3)]
    [InlineData(7, 3, 2, 1, 4)]
    [InlineData(1, 5, 1, 2, 1)]
    public void OutputSize_IsPyTorchFormula(int input, int k, int stride, int padding, int expected) =>
        Assert.Equal(expected, Conv2D.OutputSize(input, k, stride, padding));

    /// <summary>batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, activation, bias.</summary>
    public static TheoryData<int, int, int, int, int, int, int, int, Activation, bool> BackwardCases => new()
    {
        { 2, 2, 5, 4, 3, 3, 1, 1, Activation.Tanh, true },
        { 1, 3, 6, 5, 2, 3, 2, 1, Activation.Sigmoid, true },
        { 2, 1, 4, 6, 2, 3, 1, 2, Activation.Identity, true },
        { 1, 2, 7, 6, 2, 2, 3, 0, Activation.Tanh, false },
        { 2, 2, 5, 5, 1, 5, 2, 2, Activation.Identity, false },
        { 11, 2, 5, 4, 3, 3, 1, 1, Activation.Tanh, true },      // more than one group of samples
        { 17, 1, 6, 5, 2, 3, 2, 1, Activation.Sigmoid, false },  // three groups, the last one short
    };

    [Theory]
    [MemberData(nameof(BackwardCases))]
    public void Backward_MatchesFiniteDifferences(
        int batch, int inC, int inH, int inW, int outC, int k, int stride, int padding, Activation activation, bool withBias)
    {
        // With dInputs, and without (a first layer): the parameter gradients must not depend on it.
        CheckBackward(batch, inC, inH, inW, outC, k, stride, padding, activation, withBias, needInputs: true);
        CheckBackward(batch, inC, inH, inW, outC, k, stride, padding, activation, withBias, needInputs: false);
    }

    private static void CheckBackward(
        int batch, int inC, int inH, int inW, int outC, int k, int stride, int padding, Activation activation, bool withBias, bool needInputs)
    {
        int outH = Conv2D.OutputSize(inH, k, stride, padding), outW = Conv2D.OutputSize(inW, k, stride, padding);
        int nx = batch * inC * inH * inW, nw = outC * inC * k * k, nb = withBias ? outC : 0, ny = batch * outC * outH * outW;
        float[] x = NetworkNumericsTests.RandomValues(nx, seed: 4, scale: 1f);
        float[] w = NetworkNumericsTests.RandomValues(nw, seed: 5, scale: 0.5f);
        float[] b = NetworkNumericsTests.RandomValues(nb, seed: 6, scale: 0.5f);
        float[] dout = NetworkNumericsTests.RandomValues(ny, seed: 7, scale: 1f);

        float[] y = new float[ny];
        Forward(activation, x, w, b, y, batch, inC, inH, inW, outC, k, stride, padding);
        float[] dz = (float[])dout.Clone();
        float[] dw = NetworkNumericsTests.RandomValues(nw, seed: 8, scale: 1f); // backward accumulates onto these
        float[] db = NetworkNumericsTests.RandomValues(nb, seed: 9, scale: 1f);
        float[] dwBefore = (float[])dw.Clone(), dbBefore = (float[])db.Clone();
        float[] dx = new float[needInputs ? nx : 0];
        dx.AsSpan().Fill(123f); // backward overwrites these
        Backward(activation, x, w, y, dz, dw, db, dx, batch, inC, inH, inW, outC, k, stride, padding);

        // Parameters of the reference loss: weights, bias, inputs.
        double[] all = [.. ToDouble(w), .. ToDouble(b), .. ToDouble(x)];
        double Loss(double[] p)
        {
            double[] outputs = ReferenceForward(activation, p.AsSpan(nw + nb).ToArray(), p.AsSpan(0, nw).ToArray(), p.AsSpan(nw, nb).ToArray(),
                batch, inC, inH, inW, outC, k, stride, padding);
            double total = 0;
            for (int i = 0; i < outputs.Length; i++)
            {
                total += outputs[i] * dout[i];
            }

            return total;
        }

        double[] numeric = ReferenceNetwork.FiniteDifferences(all, Loss);
        for (int i = 0; i < nw; i++)
        {
            AssertClose(numeric[i], dw[i] - (double)dwBefore[i], $"dWeights[{i}]");
        }

        for (int i = 0; i < nb; i++)
        {
            AssertClose(numeric[nw + i], db[i] - (double)dbBefore[i], $"dBias[{i}]");
        }

        for (int i = 0; i < dx.Length; i++)
        {
            AssertClose(numeric[nw + nb + i], dx[i], $"dInputs[{i}]");
        }
    }

    [Fact]
    public void WrongShapes_Throw()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Conv2D.Forward(new IdentityOperator(), new float[25], new float[8], [], new float[9], 1, 1, 5, 5, 1, 3, 1, 0));
        Assert.Contains("weights = 9", e.Message);
        e = Assert.Throws<ArgumentException>(() =>
            Conv2D.Forward(new IdentityOperator(), new float[25], new float[9], [], new float[8], 1, 1, 5, 5, 1, 3, 1, 0));
        Assert.Contains("outputs >= 9", e.Message);
        e = Assert.Throws<ArgumentException>(() =>
            Conv2D.Forward(new IdentityOperator(), new float[4], new float[9], [], new float[1], 1, 1, 2, 2, 1, 3, 1, 0));
        Assert.Contains("inputSize + 2 padding >= kernelSize", e.Message);
        e = Assert.Throws<ArgumentException>(() =>
            Conv2D.Backward(new IdentityOperator(), new float[25], new float[9], new float[9], new float[9], new float[9], [], new float[24], 1, 1, 5, 5, 1, 3, 1, 0));
        Assert.Contains("dInputs 24 (expected 0 or 25)", e.Message);
        Assert.Throws<ArgumentException>(() => Conv2D.OutputSize(5, 3, 0, 0));
    }

    /// <summary>
    /// torch.nn.Conv2d from its definition, in float64: every output pixel sums its whole window, testing each tap
    /// against the image borders.
    /// </summary>
    internal static double[] ReferenceForward(
        Activation activation, double[] x, double[] w, double[] bias,
        int batch, int inC, int inH, int inW, int outC, int k, int stride, int padding)
    {
        int outH = (inH + 2 * padding - k) / stride + 1, outW = (inW + 2 * padding - k) / stride + 1;
        var y = new double[batch * outC * outH * outW];
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outC; o++)
            {
                for (int oy = 0; oy < outH; oy++)
                {
                    for (int ox = 0; ox < outW; ox++)
                    {
                        double z = bias.Length == 0 ? 0 : bias[o];
                        for (int c = 0; c < inC; c++)
                        {
                            for (int ky = 0; ky < k; ky++)
                            {
                                for (int kx = 0; kx < k; kx++)
                                {
                                    int iy = oy * stride - padding + ky, ix = ox * stride - padding + kx;
                                    if (iy >= 0 && iy < inH && ix >= 0 && ix < inW)
                                    {
                                        z += w[((o * inC + c) * k + ky) * k + kx] * x[((n * inC + c) * inH + iy) * inW + ix];
                                    }
                                }
                            }
                        }

                        y[((n * outC + o) * outH + oy) * outW + ox] = activation switch
                        {
                            Activation.Identity => z,
                            Activation.Sigmoid => 1 / (1 + Math.Exp(-z)),
                            Activation.Tanh => Math.Tanh(z),
                            _ => Math.Max(0, z),
                        };
                    }
                }
            }
        }

        return y;
    }

    internal static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-4 * (1 + Math.Abs(expected)), $"{what} is {actual}, finite differences {expected}");

    private static void Forward(
        Activation activation, float[] x, float[] w, float[] b, float[] y,
        int batch, int inC, int inH, int inW, int outC, int k, int stride, int padding)
    {
        switch (activation)
        {
            case Activation.Identity: Conv2D.Forward(new IdentityOperator(), x, w, b, y, batch, inC, inH, inW, outC, k, stride, padding); break;
            case Activation.Sigmoid: Conv2D.Forward(new SigmoidOperator(), x, w, b, y, batch, inC, inH, inW, outC, k, stride, padding); break;
            case Activation.Tanh: Conv2D.Forward(new TanhOperator(), x, w, b, y, batch, inC, inH, inW, outC, k, stride, padding); break;
            default: Conv2D.Forward(new ReLUOperator(), x, w, b, y, batch, inC, inH, inW, outC, k, stride, padding); break;
        }
    }

    private static void Backward(
        Activation activation, float[] x, float[] w, float[] y, float[] dz, float[] dw, float[] db, float[] dx,
        int batch, int inC, int inH, int inW, int outC, int k, int stride, int padding)
    {
        switch (activation)
        {
            case Activation.Identity: Conv2D.Backward(new IdentityOperator(), x, w, y, dz, dw, db, dx, batch, inC, inH, inW, outC, k, stride, padding); break;
            case Activation.Sigmoid: Conv2D.Backward(new SigmoidOperator(), x, w, y, dz, dw, db, dx, batch, inC, inH, inW, outC, k, stride, padding); break;
            case Activation.Tanh: Conv2D.Backward(new TanhOperator(), x, w, y, dz, dw, db, dx, batch, inC, inH, inW, outC, k, stride, padding); break;
            default: Conv2D.Backward(new ReLUOperator(), x, w, y, dz, dw, db, dx, batch, inC, inH, inW, outC, k, stride, padding); break;
        }
    }
}
