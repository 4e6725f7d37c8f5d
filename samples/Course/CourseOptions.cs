using System.IO;
using NetGen.Samples;

namespace Course;

/// <summary>
/// What every example may be told from the command line (<c>--out DIR</c>, <c>--data DIR</c>, <c>--epochs N</c>,
/// <c>--frames</c>) and what tests use to shrink a run. A null size keeps the example's own default.
/// </summary>
public sealed record CourseOptions
{
    private readonly string? _dataDirectory;

    /// <summary>Where pictures go; created when missing. Defaults to the current directory.</summary>
    public string OutputDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The repository's <c>data/</c> folder unless set (MNIST in <c>mnist/</c>, CSV files in <c>csv/</c>).</summary>
    public string DataDirectory
    {
        get => _dataDirectory ?? Path.Combine(SampleArguments.RepositoryRoot(), "data");
        init => _dataDirectory = value;
    }

    /// <summary>Epochs (or steps, for the plain gradient-descent examples), when not the example's default.</summary>
    public int? Epochs { get; init; }

    /// <summary>How many training samples the data-set examples take, when not their default.</summary>
    public int? TrainingSamples { get; init; }

    /// <summary>How many test samples the data-set examples take, when not their default.</summary>
    public int? TestSamples { get; init; }

    /// <summary>Whether <c>classify-2d</c> also writes a picture every few epochs.</summary>
    public bool Frames { get; init; }
}
