using System;
using NetGen.Kernels;
using Xunit;

namespace NetGen.Tests.Kernels;

public class StridedCopyTests
{
    [Theory]
    [InlineData(3, 1, 4, 2)]
    [InlineData(2, 7, 9, 8)]   // shorter than a vector: scalar
    [InlineData(5, 8, 8, 12)]  // one whole vector, contiguous source
    [InlineData(4, 10, 14, 10)] // a vector and an overlapping last one (LeNet-5's C3 rows)
    [InlineData(6, 28, 32, 28)] // LeNet-5's C1 rows into the padded image
    [InlineData(2, 33, 40, 35)]
    public void Rows_CopiesEachRowAndLeavesTheGapsAlone(int rows, int width, int sourceStride, int destinationStride)
    {
        float[] source = new float[(rows - 1) * sourceStride + width];
        for (int i = 0; i < source.Length; i++)
        {
            source[i] = i + 0.5f;
        }

        float[] destination = new float[(rows - 1) * destinationStride + width + 3];
        Array.Fill(destination, -7f);
        StridedCopy.Rows(source, sourceStride, destination, destinationStride, rows, width);
        for (int i = 0; i < destination.Length; i++)
        {
            int r = i / destinationStride, c = i % destinationStride;
            float expected = r < rows && c < width ? source[r * sourceStride + c] : -7f;
            Assert.True(expected == destination[i], $"destination[{i}] (row {r}, column {c}) is {destination[i]}, expected {expected}");
        }
    }

    [Fact]
    public void Rows_DestinationTooShort_ThrowsNamingTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() => StridedCopy.Rows(new float[40], 10, new float[30], 10, 4, 10));
        Assert.Contains("destination of at least 40", e.Message);
        Assert.Contains("lengths 40 and 30", e.Message);
    }
}
