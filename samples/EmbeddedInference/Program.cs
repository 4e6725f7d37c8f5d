using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using EmbeddedInference;
using NetGen.Data;
using NetGen.Kernels;
using NetGen.Optimizers;
using NetGen.Serialization;
using NetGen.Training;

// Classifies handwritten digits with a network trained beforehand: the weights are a safetensors checkpoint beside the
// executable. Published with NativeAOT this is one native file plus the checkpoint, with no .NET runtime to install.
const string Usage = """
    usage:
      EmbeddedInference [--model FILE] IMAGE.pgm...          classify 28 x 28 PGM images (white digit on black)
      EmbeddedInference [--model FILE] --idx FILE INDEX...   classify images of an MNIST IDX file (raw or .gz)
      EmbeddedInference --train [--data DIR] [--out FILE]    train the network and save its checkpoint
      EmbeddedInference --export-pgm DIR [--data DIR] INDEX...  write MNIST test images as PGM files
    """;

try
{
    return Run(args);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"EmbeddedInference: {e.Message}");
    Console.Error.WriteLine(Usage);
    return 2;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or DataFormatException or CheckpointException)
{
    // FileNotFoundException and DirectoryNotFoundException are IOExceptions; every message names the file at fault.
    Console.Error.WriteLine($"EmbeddedInference: {e.Message}");
    return 1;
}

static int Run(string[] args)
{
    string? model = null, idx = null, data = null, output = null, exportDirectory = null;
    bool train = false;
    var operands = new List<string>();
    for (int i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--model": model = Value(args, ref i); break;
            case "--idx": idx = Value(args, ref i); break;
            case "--data": data = Value(args, ref i); break;
            case "--out": output = Value(args, ref i); break;
            case "--export-pgm": exportDirectory = Value(args, ref i); break;
            case "--train": train = true; break;
            case "-h" or "--help": Console.WriteLine(Usage); return 0;
            default:
                if (args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new UsageException($"unknown option '{args[i]}'");
                }

                operands.Add(args[i]);
                break;
        }
    }

    data ??= Path.Combine("data", "mnist");
    if (train)
    {
        return Train(data, output ?? "digit-classifier.safetensors");
    }

    if (exportDirectory is not null)
    {
        return ExportPgm(data, exportDirectory, Indices(operands, "the test image"));
    }

    if (operands.Count == 0)
    {
        throw new UsageException("no image given");
    }

    var network = new DigitClassifier(seed: 0);
    Checkpoint.Load(model ?? Path.Combine(AppContext.BaseDirectory, "digit-classifier.safetensors"), network);
    return idx is null ? ClassifyPgmFiles(network, operands) : ClassifyIdx(network, idx, Indices(operands, "the image"));
}

// One line per image, in the order given; an image that cannot be read is reported and the others still classified.
static int ClassifyPgmFiles(DigitClassifier network, List<string> paths)
{
    int failures = 0;
    foreach (string path in paths)
    {
        float[] pixels;
        try
        {
            pixels = Pgm.Read(path, Mnist.ImageSize, Mnist.ImageSize);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DataFormatException)
        {
            Console.Error.WriteLine($"EmbeddedInference: {e.Message}");
            failures++;
            continue;
        }

        PrintPrediction(network, path, pixels);
    }

    return failures == 0 ? 0 : 1;
}

static int ClassifyIdx(DigitClassifier network, string path, List<int> indices)
{
    (byte[] bytes, int count, int rows, int cols) = Idx.ReadImages(path);
    if (rows != Mnist.ImageSize || cols != Mnist.ImageSize)
    {
        throw DataFormatException.AtOffset(
            path, 8, "28 x 28 images", string.Create(CultureInfo.InvariantCulture, $"{rows} x {cols} images"));
    }

    foreach (int index in indices)
    {
        if (index >= count)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{path} holds {count} images; there is no image {index}"));
        }
    }

    var pixels = new float[Mnist.FeatureSize];
    foreach (int index in indices)
    {
        ReadOnlySpan<byte> image = bytes.AsSpan(index * Mnist.FeatureSize, Mnist.FeatureSize);
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = image[i] / 255f;
        }

        PrintPrediction(network, string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]"), pixels);
    }

    return 0;
}

static void PrintPrediction(DigitClassifier network, string name, float[] pixels)
{
    Span<float> probabilities = stackalloc float[DigitClassifier.OutputSize];
    network.Forward(pixels, probabilities);
    Softmax.Forward(probabilities, batch: 1, classes: DigitClassifier.OutputSize);
    int digit = Trainer.PredictedClass(network, probabilities);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {digit} (p={probabilities[digit]:F4})"));
}

// The committed checkpoint comes from: --train --out samples/EmbeddedInference/model/digit-classifier.safetensors
static int Train(string data, string output)
{
    Dataset train = Mnist.Load(data, train: true);
    Dataset test = Mnist.Load(data, train: false);
    var network = new DigitClassifier(seed: 42);
    var optimizer = new Sgd(learningRate: 0.05f, momentum: 0.9f);
    var options = new TrainingOptions { Epochs = 8, BatchSize = 64, Seed = 1 };
    TrainingHistory history = Trainer.Fit(network, optimizer, train, options);
    Evaluation result = Trainer.Evaluate(network, test);
    string accuracy = (100 * result.Accuracy!.Value).ToString("F2", CultureInfo.InvariantCulture);
    Checkpoint.Save(output, network, optimizer: null, new CheckpointInfo
    {
        Epoch = history.Epochs.Count,
        Metadata = new Dictionary<string, string> { ["test_accuracy_percent"] = accuracy, ["data"] = train.Name },
    });
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"trained {history.Epochs.Count} epochs on {train.Count} images; test accuracy {accuracy} % on {test.Count}; saved {output}"));
    return 0;
}

static int ExportPgm(string data, string directory, List<int> indices)
{
    string images = Path.Combine(data, "t10k-images-idx3-ubyte.gz");
    (byte[] bytes, int count, _, _) = Idx.ReadImages(images);
    byte[] labels = Idx.ReadLabels(Path.Combine(data, "t10k-labels-idx1-ubyte.gz"));
    Directory.CreateDirectory(directory);
    foreach (int index in indices)
    {
        if (index >= count)
        {
            throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"{images} holds {count} images; there is no image {index}"));
        }

        // The file name carries the true label, for people; the classifier reads only the pixels.
        string path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"t10k-{index:D5}-label-{labels[index]}.pgm"));
        Pgm.Write(path, bytes.AsSpan(index * Mnist.FeatureSize, Mnist.FeatureSize), Mnist.ImageSize, Mnist.ImageSize);
        Console.WriteLine(path);
    }

    return 0;
}

static string Value(string[] args, ref int i) =>
    ++i < args.Length ? args[i] : throw new UsageException($"{args[i - 1]} needs a value");

static List<int> Indices(List<string> operands, string what)
{
    if (operands.Count == 0)
    {
        throw new UsageException($"no index of {what} given");
    }

    var indices = new List<int>();
    foreach (string operand in operands)
    {
        if (!int.TryParse(operand, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
        {
            throw new UsageException($"'{operand}' is not an index of {what} (a whole number from 0)");
        }

        indices.Add(index);
    }

    return indices;
}

/// <summary>A command line that cannot be run: the message says why; the usage follows it.</summary>
internal sealed class UsageException(string message) : Exception(message);
