using System;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetGen.Data;

/// <summary>
/// Loads MNIST-format data (MNIST, Fashion-MNIST, or the subset shipped in the repository's <c>data/mnist</c>) from
/// the standard IDX files: <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c>, <c>t10k-images-idx3-ubyte</c>
/// and <c>t10k-labels-idx1-ubyte</c>, each raw or gzip-compressed (<c>.gz</c>).
/// </summary>
public static class Mnist
{
    /// <summary>Rows and columns of an MNIST image.</summary>
    public const int ImageSize = 28;

    /// <summary>Number of classes (digits 0..9, or the ten Fashion-MNIST articles).</summary>
    public const int ClassCount = 10;

    /// <summary>Floats per sample: one channel of 28 x 28 pixels, CHW.</summary>
    public const int FeatureSize = ImageSize * ImageSize;

    /// <summary>
    /// Loads the training (<paramref name="train"/>) or test set from <paramref name="directory"/>: features are
    /// pixel / 255 in [0, 1], laid out <c>[1, 28, 28]</c> per sample; labels are 0..9.
    /// </summary>
    /// <exception cref="FileNotFoundException">The directory or one of the two files is missing; the message lists the names looked for.</exception>
    /// <exception cref="DataFormatException">A file is malformed, the images are not 28 x 28, a label is above 9, or the counts differ.</exception>
    public static Dataset Load(string directory, bool train)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string prefix = train ? "train" : "t10k";
        string images = Find(directory, prefix, "images", "idx3");
        string labels = Find(directory, prefix, "labels", "idx1");
        return LoadFiles(images, labels, name: Path.GetFileName(images));
    }

    /// <summary>Loads an image file and a label file given by path (each raw or gzip-compressed).</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="DataFormatException">A file is malformed, the images are not 28 x 28, a label is above 9, or the counts differ.</exception>
    public static Dataset LoadFiles(string imagesPath, string labelsPath, string? name = null)
    {
        (byte[] pixels, int count, int rows, int cols) = Idx.ReadImages(imagesPath);
        if (rows != ImageSize || cols != ImageSize)
        {
            throw DataFormatException.AtOffset(
                imagesPath, 8, $"{ImageSize} x {ImageSize} images", string.Create(CultureInfo.InvariantCulture, $"{rows} x {cols} images"));
        }

        if (count == 0)
        {
            throw DataFormatException.AtOffset(imagesPath, 4, "at least one image", "an image count of 0");
        }

        byte[] labelBytes = Idx.ReadLabels(labelsPath);
        if (labelBytes.Length != count)
        {
            throw DataFormatException.AtOffset(
                labelsPath,
                4,
                string.Create(CultureInfo.InvariantCulture, $"one label per image of {imagesPath}, which holds {count} images"),
                string.Create(CultureInfo.InvariantCulture, $"{labelBytes.Length} labels"));
        }

        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (labelBytes[i] >= ClassCount)
            {
                throw DataFormatException.AtOffset(
                    labelsPath, 8 + i, $"a label from 0 to {ClassCount - 1}", string.Create(CultureInfo.InvariantCulture, $"{labelBytes[i]} (label of sample {i})"));
            }

            labels[i] = labelBytes[i];
        }

        var features = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++)
        {
            features[i] = pixels[i] / 255f; // correctly rounded; 255 gives exactly 1
        }

        return Dataset.WithLabels(features, FeatureSize, labels, ClassCount, name ?? Path.GetFileName(imagesPath));
    }

    /// <summary>The file names tried for one part, in order: raw first, then compressed; dashes, then the dotted variant.</summary>
    public static string[] CandidateNames(bool train, bool images)
    {
        string prefix = train ? "train" : "t10k";
        return images ? Names(prefix, "images", "idx3") : Names(prefix, "labels", "idx1");
    }

    private static string[] Names(string prefix, string part, string idx)
    {
        string dashed = $"{prefix}-{part}-{idx}-ubyte";
        string dotted = $"{prefix}-{part}.{idx}-ubyte";
        return [dashed, dashed + ".gz", dotted, dotted + ".gz"];
    }

    private static string Find(string directory, string prefix, string part, string idx)
    {
        string[] names = Names(prefix, part, idx);
        if (!Directory.Exists(directory))
        {
            throw new FileNotFoundException(
                $"The MNIST directory '{directory}' does not exist; it should hold {string.Join(" or ", names.Select(n => $"'{n}'"))}.",
                Path.Combine(directory, names[1]));
        }

        foreach (string name in names)
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(
            $"No MNIST {part} file in '{directory}': looked for {string.Join(", ", names.Select(n => $"'{n}'"))}.",
            Path.Combine(directory, names[1]));
    }
}
