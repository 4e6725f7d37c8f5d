using System;
using System.Runtime.Intrinsics;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

public class SumsTests
{
    private static Vector256<float> Random8(Random random)
    {
        // Magnitudes from 1e-4 to 1e4, so that the order of the additions shows in the rounding.
        float[] values = new float[8];
        for (int i = 0; i < 8; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * Math.Pow(10, random.Next(-4, 5)));
        }

        return Vector256.Create(values);
    }

    private static float InStatedOrder(Vector256<float> x) =>
        ((x[0] + x[2]) + (x[1] + x[3])) + ((x[4] + x[6]) + (x[5] + x[7]));

    [Fact]
    public void Of8_EachLaneIsItsVectorsSumInTheStatedOrder_WhateverTheOthersHold()
    {
        var random = new Random(5);
        bool orderMattered = false;
        for (int round = 0; round < 2000; round++)
        {
            Vector256<float>[] d = new Vector256<float>[8];
            for (int j = 0; j < 8; j++)
            {
                d[j] = Random8(random);
            }

            Vector256<float> all = Sums.Of8(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]);
            for (int j = 0; j < 8; j++)
            {
                float expected = InStatedOrder(d[j]);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(all[j]));
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(Sums.Of1(d[j])));
                Vector256<float> alone = Sums.Of8(
                    j == 0 ? d[j] : default, j == 1 ? d[j] : default, j == 2 ? d[j] : default, j == 3 ? d[j] : default,
                    j == 4 ? d[j] : default, j == 5 ? d[j] : default, j == 6 ? d[j] : default, j == 7 ? d[j] : default);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(alone[j]));
                float leftToRight = d[j][0] + d[j][1] + d[j][2] + d[j][3] + d[j][4] + d[j][5] + d[j][6] + d[j][7];
                orderMattered |= leftToRight != expected;
            }
        }

        Assert.True(orderMattered, "the data never made the order of the additions visible");
    }
}
