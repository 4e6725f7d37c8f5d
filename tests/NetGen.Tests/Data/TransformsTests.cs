using System;
using NetGen.Data;
using Xunit;

namespace NetGen.Tests.Data;

public class TransformsTests
{
    [Fact]
    public void Scale_MapsBytesToTheUnitInterval()
    {
        Dataset data = Dataset.WithLabels([0f, 51f, 255f, 127.5f], 2, [0, 1], 2);
        Transforms.Scale(data, 1f / 255f);
        float[] expected = [0f, 0.2f, 1f, 0.5f];
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], data.Features[k], 6);
        }
    }

    /// <summary>
    /// Column 0 is 1, 2, 3, 6: mean 3, population variance (4 + 1 + 0 + 9) / 4 = 3.5, std sqrt(3.5) = 1.870828693;
    /// column 1 is constant 10: std 0, which becomes 1, so the column maps to 0; column 2 is -1, 1, -1, 1: mean 0, std 1.
    /// </summary>
    [Fact]
    public void Standardizer_MatchesHandComputedStatistics()
    {
        Dataset train = Dataset.WithLabels(
            [1f, 10f, -1f,
             2f, 10f, 1f,
             3f, 10f, -1f,
             6f, 10f, 1f], 3, [0, 0, 1, 1], 2);
        Standardizer scaler = Standardizer.Fit(train);
        Assert.Equal(new[] { 3f, 10f, 0f }, scaler.Mean.ToArray());
        Assert.Equal(1.870828693f, scaler.StdDev[0], 6);
        Assert.Equal(1f, scaler.StdDev[1]);
        Assert.Equal(1f, scaler.StdDev[2]);

        scaler.Apply(train);
        float s = MathF.Sqrt(3.5f);
        float[] expected = [-2 / s, 0, -1, -1 / s, 0, 1, 0, 0, -1, 3 / s, 0, 1];
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], train.Features[k], 6);
        }
    }

    /// <summary>The test set is transformed with the training statistics, not its own.</summary>
    [Fact]
    public void Standardizer_AppliesTrainingStatisticsToTheTestSet()
    {
        Dataset train = Dataset.WithLabels([1f, 2f, 3f, 6f], 1, [0, 0, 1, 1], 2);
        Dataset test = Dataset.WithLabels([3f, 10f], 1, [0, 1], 2);
        Standardizer scaler = Standardizer.Fit(train);
        scaler.Apply(test);
        float s = MathF.Sqrt(3.5f);
        Assert.Equal(0f, test.Features[0], 6);
        Assert.Equal(7 / s, test.Features[1], 5);
        Assert.Equal(new[] { 1f, 2f, 3f, 6f }, train.Features); // fitting does not change the data

        Dataset wide = Dataset.WithLabels([1f, 2f], 2, [0], 2);
        Assert.Throws<ArgumentException>(() => scaler.Apply(wide));
    }

    [Fact]
    public void Standardizer_OnIris_GivesZeroMeanAndUnitVariance()
    {
        Dataset iris = Csv.ReadClassification(DataFiles.IrisCsv, "label").Dataset;
        Standardizer.Fit(iris).Apply(iris);
        Standardizer after = Standardizer.Fit(iris);
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(0f, after.Mean[j], 5);
            Assert.Equal(1f, after.StdDev[j], 5);
        }
    }
}
