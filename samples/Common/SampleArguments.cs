using System;
using System.Globalization;
using System.IO;

namespace NetGen.Samples;

/// <summary>The few command-line options the samples share: <c>--data DIR</c>, <c>--epochs N</c>, <c>--out DIR</c>.</summary>
public sealed class SampleArguments
{
    private SampleArguments(string data, int? epochs, string output)
    {
        DataDirectory = data;
        Epochs = epochs;
        OutputDirectory = output;
    }

    /// <summary>Where the data files are; defaults to the repository's <c>data/</c> folder for this sample.</summary>
    public string DataDirectory { get; }

    /// <summary>Epochs asked for on the command line, if any.</summary>
    public int? Epochs { get; }

    /// <summary>Where checkpoints and plots go; defaults to the current directory.</summary>
    public string OutputDirectory { get; }

    /// <summary>Parses the arguments; <paramref name="defaultData"/> is relative to the repository root.</summary>
    public static SampleArguments Parse(string[] args, string defaultData)
    {
        string? data = null, output = null;
        int? epochs = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--data": data = Value(); break;
                case "--out": output = Value(); break;
                case "--epochs":
                    string text = Value();
                    epochs = int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
                        ? n
                        : throw new ArgumentException($"--epochs needs a positive whole number; got '{text}'.");
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Options: --data DIR, --epochs N, --out DIR.");
            }
        }

        return new SampleArguments(data ?? Path.Combine(RepositoryRoot(), defaultData), epochs, output ?? Directory.GetCurrentDirectory());
    }

    /// <summary>The folder holding NetGen.sln, found from the program's location (or the current directory).</summary>
    public static string RepositoryRoot()
    {
        foreach (string start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "NetGen.sln")))
                {
                    return d.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("Could not find the NetGen repository root (the folder with NetGen.sln); pass --data DIR.");
    }
}
