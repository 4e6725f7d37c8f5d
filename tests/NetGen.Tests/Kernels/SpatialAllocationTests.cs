using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

/// <summary>After warm-up, the convolution, pooling and dropout kernels allocate nothing, at LeNet-5's sizes.</summary>
public class SpatialAllocationTests
{
    [Fact]
    public void LeNetSizedStep_AllocatesNothingAfterWarmUp()
    {
        const int batch = 2;
        // C1: 1x28x28 -> 6x28x28 (5x5, padding 2); S2: -> 6x14x14; C3: -> 16x10x10 (5x5); S4: -> 16x5x5.
        float[] x = NetworkNumericsTests.RandomValues(batch * 1 * 28 * 28, seed: 1, scale: 1f);
        float[] w1 = NetworkNumericsTests.RandomValues(6 * 1 * 5 * 5, seed: 2, scale: 0.2f), b1 = new float[6];
        float[] w2 = NetworkNumericsTests.RandomValues(16 * 6 * 5 * 5, seed: 3, scale: 0.1f), b2 = new float[16];
        float[] c1 = new float[batch * 6 * 28 * 28], s2 = new float[batch * 6 * 14 * 14];
        float[] c3 = new float[batch * 16 * 10 * 10], s4 = new float[batch * 16 * 5 * 5];
        float[] dropped = new float[s4.Length], mask = new float[s4.Length];
        float[] dw1 = new float[w1.Length], db1 = new float[6], dw2 = new float[w2.Length], db2 = new float[16];
        float[] dc1 = new float[c1.Length], ds2 = new float[s2.Length], dc3 = new float[c3.Length], ds4 = new float[s4.Length];
        float[] dDropped = NetworkNumericsTests.RandomValues(s4.Length, seed: 4, scale: 1f);
        var random = new SeededRandom(5);

        void Step()
        {
            Conv2D.Forward(new ReLUOperator(), x, w1, b1, c1, batch, 1, 28, 28, 6, 5, 1, 2);
            MaxPool2D.Forward(c1, s2, batch, 6, 28, 28, 2, 2);
            Conv2D.Forward(new TanhOperator(), s2, w2, b2, c3, batch, 6, 14, 14, 16, 5, 1, 0);
            AvgPool2D.Forward(c3, s4, batch, 16, 10, 10, 2, 2);
            Dropout.Forward(s4, dropped, mask, 0.5f, random);

            Dropout.Backward(mask, dDropped, ds4);
            AvgPool2D.Backward(c3, s4, ds4, dc3, batch, 16, 10, 10, 2, 2);
            Conv2D.Backward(new TanhOperator(), s2, w2, c3, dc3, dw2, db2, ds2, batch, 6, 14, 14, 16, 5, 1, 0);
            MaxPool2D.Backward(c1, s2, ds2, dc1, batch, 6, 28, 28, 2, 2);
            Conv2D.Backward(new ReLUOperator(), x, w1, c1, dc1, dw1, db1, [], batch, 1, 28, 28, 6, 5, 1, 2);
        }

        SteadyStateAllocation.AssertNone(Step, "a LeNet-sized forward and backward through the spatial kernels");
        Assert.All(db1, v => Assert.True(float.IsFinite(v)));
    }
}
