using System;
using System.Collections.Generic;

namespace NetGen.Serialization;

/// <summary>
/// A checkpoint could not be loaded into the given network or optimizer: tensors are missing, unexpected, of another
/// shape or dtype, or the optimizer differs. <see cref="Problems"/> lists every mismatch found, not only the first;
/// nothing was changed.
/// </summary>
public class CheckpointException : Exception
{
    /// <summary>Creates the exception for <paramref name="fileName"/> with one line per problem.</summary>
    public CheckpointException(string fileName, string summary, IReadOnlyList<string> problems, Exception? innerException = null)
        : base(Compose(fileName, summary, problems), innerException)
    {
        FileName = fileName;
        Problems = [.. problems];
    }

    /// <summary>The checkpoint's path, as given to the method that threw.</summary>
    public string FileName { get; }

    /// <summary>Each problem found, one sentence each, in the order they were found.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Compose(string fileName, string summary, IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? $"Checkpoint '{fileName}': {summary}: {problems[0]}"
            : $"Checkpoint '{fileName}': {summary} ({problems.Count} problems):{Environment.NewLine}- " +
              string.Join(Environment.NewLine + "- ", problems);
    }
}
