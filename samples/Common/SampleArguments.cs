using System;
using System.Globalization;
using System.IO;

namespace NetGen.Samples;

/// <summary>
/// The few command-line options the samples share: <c>--data DIR</c>, <c>--epochs N</c>, <c>--out DIR</c>, plus the
/// on/off switches a sample names itself (such as <c>--gpu</c>).
/// </summary>
public sealed class SampleArguments
{
    private readonly string[] _switches;

    private SampleArguments(string data, bool dataGiven, int? epochs, string output, string[] switches)
    {
        DataDirectory = data;
        DataGiven = dataGiven;
        Epochs = epochs;
        OutputDirectory = output;
        _switches = switches;
    }

    /// <summary>Where the data files are; defaults to the repository's <c>data/</c> folder for this sample.</summary>
    public string DataDirectory { get; }

    /// <summary>Whether <c>--data</c> was given, rather than the default folder taken.</summary>
    public bool DataGiven { get; }

    /// <summary>Epochs asked for on the command line, if any.</summary>
    public int? Epochs { get; }

    /// <summary>Where checkpoints and plots go; defaults to the current directory.</summary>
    public string OutputDirectory { get; }

    /// <summary>Whether the switch <paramref name="name"/> (one of those passed to <see cref="Parse"/>) was given.</summary>
    public bool Has(string name) => Array.IndexOf(_switches, name) >= 0;

    /// <summary>
    /// Parses the arguments; <paramref name="defaultData"/> is relative to the repository root, and
    /// <paramref name="switches"/> are the on/off options this sample accepts besides the shared ones.
    /// </summary>
    public static SampleArguments Parse(string[] args, string defaultData, params string[] switches)
    {
        string? data = null, output = null;
        int? epochs = null;
        var given = new System.Collections.Generic.List<string>();
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
                case var name when Array.IndexOf(switches, name) >= 0: given.Add(name); break;
                default:
                    string extra = switches.Length == 0 ? "" : ", " + string.Join(", ", switches);
                    throw new ArgumentException($"Unknown option '{args[i]}'. Options: --data DIR, --epochs N, --out DIR{extra}.");
            }
        }

        return new SampleArguments(
            data ?? Path.Combine(RepositoryRoot(), defaultData), data is not null, epochs, output ?? Directory.GetCurrentDirectory(), given.ToArray());
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
