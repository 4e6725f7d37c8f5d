using System;
using System.IO;
using NetGen.Data;
using Xunit;

namespace NetGen.Tests.Data;

public class MnistTests
{
    // Expected values computed once from the shipped .gz files with Python's gzip module:
    //   img = gzip.open("data/mnist/train-images-idx3-ubyte.gz").read(); px = img[16:]
    //   sum(px[:784]) -> 27525 (166 non-zero pixels); px[14*28+14] -> 240; sum(px) -> 262146600
    //   test set: sum of the first image 18454, of the last 41833 (label 6); sum of all pixels 264923200
    //   first labels: train 5 0 4 1 9 2 1 3 1 4, test 7 2 1 0 4 1 4 9 5 9
    // Label counts per digit are those the data README states.

    [Fact]
    public void Load_TheShippedTrainingSubset()
    {
        Dataset train = Mnist.Load(DataFiles.MnistDirectory, train: true);
        Assert.Equal(10_000, train.Count);
        Assert.Equal(784, train.FeatureSize);
        Assert.Equal(10, train.ClassCount);
        Assert.Equal(new[] { 5, 0, 4, 1, 9, 2, 1, 3, 1, 4 }, train.Labels.AsSpan(0, 10).ToArray());
        Assert.Equal(new[] { 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 }, Histogram(train.Labels!));
        Assert.Equal(27525, PixelSum(train, 0));
        Assert.Equal(240f / 255f, train.Sample(0)[14 * 28 + 14]);
        Assert.Equal(262146600L, PixelSum(train));
        AssertInUnitRange(train);
    }

    [Fact]
    public void Load_TheShippedTestSet()
    {
        Dataset test = Mnist.Load(DataFiles.MnistDirectory, train: false);
        Assert.Equal(10_000, test.Count);
        Assert.Equal(new[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }, test.Labels.AsSpan(0, 10).ToArray());
        Assert.Equal(new[] { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 }, Histogram(test.Labels!));
        Assert.Equal(18454, PixelSum(test, 0));
        Assert.Equal(41833, PixelSum(test, 9_999));
        Assert.Equal(6, test.Labels![9_999]);
        Assert.Equal(264923200L, PixelSum(test));
        AssertInUnitRange(test);
    }

    /// <summary>Raw copies (as a user would have after gunzip), under either naming, load the same as the .gz files.</summary>
    [Fact]
    public void Load_RawFiles_GivesTheSameData()
    {
        using var dir = new TempDirectory();
        dir.File("t10k-images-idx3-ubyte", DataFiles.Gunzip(Path.Combine(DataFiles.MnistDirectory, "t10k-images-idx3-ubyte.gz")));
        dir.File("t10k-labels.idx1-ubyte", DataFiles.Gunzip(Path.Combine(DataFiles.MnistDirectory, "t10k-labels-idx1-ubyte.gz")));

        Dataset zipped = Mnist.Load(DataFiles.MnistDirectory, train: false);
        Dataset raw = Mnist.Load(dir.Path, train: false);
        Assert.Equal(zipped.Features, raw.Features);
        Assert.Equal(zipped.Labels, raw.Labels);
    }

    [Fact]
    public void Load_LabelCountMismatch_NamesBothFilesAndCounts()
    {
        using var dir = new TempDirectory();
        string images = dir.File("train-images-idx3-ubyte.gz", DataFiles.Gzip(DataFiles.Images(12, 28, 28)));
        string labels = dir.File("train-labels-idx1-ubyte", DataFiles.Labels(11));
        var ex = Assert.Throws<DataFormatException>(() => Mnist.Load(dir.Path, train: true));
        Assert.Equal(labels, ex.FileName);
        Assert.Contains(images, ex.Message);
        Assert.Contains(labels, ex.Message);
        Assert.Contains("12 images", ex.Message);
        Assert.Contains("11 labels", ex.Message);
    }

    [Fact]
    public void Load_RejectsLabelsAboveNine_ImagesOfAnotherSize_AndNoImages()
    {
        using var dir = new TempDirectory();
        string images = dir.File("images", DataFiles.Images(3, 28, 28));
        string labels = dir.File("labels", DataFiles.Idx(0x801, [3], [1, 10, 2]));
        var ex = Assert.Throws<DataFormatException>(() => Mnist.LoadFiles(images, labels));
        Assert.Equal(9, ex.Offset);
        Assert.Contains("found 10", ex.Message);

        ex = Assert.Throws<DataFormatException>(() => Mnist.LoadFiles(dir.File("small", DataFiles.Images(3, 8, 8)), labels));
        Assert.Contains("28 x 28", ex.Message);
        Assert.Contains("8 x 8", ex.Message);

        Assert.Throws<DataFormatException>(() => Mnist.LoadFiles(dir.File("none", DataFiles.Images(0, 28, 28)), labels));
    }

    [Fact]
    public void Load_MissingFiles_NameTheExpectedFilesAndTheDirectory()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<FileNotFoundException>(() => Mnist.Load(dir.Path, train: true));
        Assert.Contains(dir.Path, ex.Message);
        Assert.Contains("'train-images-idx3-ubyte'", ex.Message);
        Assert.Contains("'train-images-idx3-ubyte.gz'", ex.Message);

        dir.File("t10k-images-idx3-ubyte.gz", DataFiles.Gzip(DataFiles.Images(2, 28, 28)));
        ex = Assert.Throws<FileNotFoundException>(() => Mnist.Load(dir.Path, train: false));
        Assert.Contains("'t10k-labels-idx1-ubyte.gz'", ex.Message);

        ex = Assert.Throws<FileNotFoundException>(() => Mnist.Load(Path.Combine(dir.Path, "missing"), train: true));
        Assert.Contains("does not exist", ex.Message);
    }

    private static int[] Histogram(int[] labels)
    {
        var counts = new int[10];
        foreach (int label in labels)
        {
            counts[label]++;
        }

        return counts;
    }

    private static long PixelSum(Dataset data, int sample) => PixelSum(data.Sample(sample));

    private static long PixelSum(Dataset data) => PixelSum(data.Features);

    /// <summary>Turns features back into bytes (x * 255 rounds back exactly) and adds them up.</summary>
    private static long PixelSum(ReadOnlySpan<float> features)
    {
        long sum = 0;
        foreach (float x in features)
        {
            sum += (long)MathF.Round(x * 255f);
        }

        return sum;
    }

    private static void AssertInUnitRange(Dataset data)
    {
        float min = float.MaxValue, max = float.MinValue;
        foreach (float x in data.Features)
        {
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        Assert.Equal(0f, min);
        Assert.Equal(1f, max);
    }
}
