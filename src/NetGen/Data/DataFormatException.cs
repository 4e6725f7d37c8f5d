using System;
using System.Globalization;

namespace NetGen.Data;

/// <summary>
/// A data file that cannot be read as what it claims to be: a bad IDX header, a truncated or over-long file, a CSV
/// cell that is not a number. The message always names the file, where the problem is (a byte offset for binary
/// files, a row and column for text files), what was expected and what was found.
/// </summary>
public sealed class DataFormatException : Exception
{
    private DataFormatException(string fileName, long offset, int row, int column, string expected, string found, string message, Exception? innerException)
        : base(message, innerException)
    {
        FileName = fileName;
        Offset = offset;
        Row = row;
        Column = column;
        Expected = expected;
        Found = found;
    }

    /// <summary>The file that could not be read, as it was given to the reader.</summary>
    public string FileName { get; }

    /// <summary>
    /// Byte offset of the problem in the file's (decompressed) content, or -1 when the problem is not at one place
    /// in a binary file (CSV errors use <see cref="Row"/> and <see cref="Column"/> instead).
    /// </summary>
    public long Offset { get; }

    /// <summary>1-based line of the file where the offending CSV record starts, or 0 for binary files.</summary>
    public int Row { get; }

    /// <summary>1-based CSV column (field) of the problem, or 0 when the problem concerns a whole row or the file.</summary>
    public int Column { get; }

    /// <summary>What the reader expected, in words.</summary>
    public string Expected { get; }

    /// <summary>What the reader found instead, in words.</summary>
    public string Found { get; }

    /// <summary>A problem at byte <paramref name="offset"/> (or -1 for none) of a binary file.</summary>
    public static DataFormatException AtOffset(string fileName, long offset, string expected, string found, Exception? innerException = null)
    {
        string where = offset >= 0 ? string.Create(CultureInfo.InvariantCulture, $"at byte offset {offset}") : "in the file as a whole";
        return new DataFormatException(
            fileName, offset, 0, 0, expected, found, $"{fileName}: {where}: expected {expected}; found {found}.", innerException);
    }

    /// <summary>A problem in row <paramref name="row"/>, column <paramref name="column"/> (0: the whole row) of a text file.</summary>
    public static DataFormatException AtCell(string fileName, int row, int column, string expected, string found, Exception? innerException = null)
    {
        string where = column > 0
            ? string.Create(CultureInfo.InvariantCulture, $"row {row}, column {column}")
            : string.Create(CultureInfo.InvariantCulture, $"row {row}");
        return new DataFormatException(
            fileName, -1, row, column, expected, found, $"{fileName}: {where}: expected {expected}; found {found}.", innerException);
    }
}
