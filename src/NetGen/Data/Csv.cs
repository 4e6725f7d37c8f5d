using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace NetGen.Data;

/// <summary>
/// Reads tabular data from comma-separated text (UTF-8, simple RFC 4180 quoting) into a <see cref="Dataset"/>: every
/// column that is not the label or a target is a feature. Numbers are parsed with the invariant culture (<c>5.1</c>,
/// <c>-2e-3</c>) and must be finite.
/// </summary>
/// <remarks>
/// Problems in the file are <see cref="DataFormatException"/>s whose <see cref="DataFormatException.Row"/> is the
/// 1-based line where the record starts (the header is line 1) and whose <see cref="DataFormatException.Column"/> is
/// the 1-based field: a cell that is not a number, a row with a different number of fields than the first, an empty
/// file, an unknown column name, an unterminated quote.
/// </remarks>
public static class Csv
{
    /// <summary>The most classes integer labels may imply (a label of 65535 is the largest accepted).</summary>
    public const int MaxIntegerClassCount = 1 << 16;

    private const int MaxQuotedCell = 40;

    /// <summary>
    /// Reads a classification dataset. Labels are class indices when every label is an integer (0..k-1, with k one
    /// more than the largest); otherwise they are class names, numbered in order of first appearance.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="labelColumn">The label column's header name; for a file without a header, its 1-based column number (e.g. <c>"5"</c>).</param>
    /// <param name="hasHeader">Whether the first record names the columns.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is malformed or a feature is not a number.</exception>
    public static CsvDataset ReadClassification(string path, string labelColumn, bool hasHeader = true)
    {
        ArgumentNullException.ThrowIfNull(labelColumn);
        Table table = Table.Read(path, hasHeader);
        int label = table.Resolve(labelColumn);
        int[] features = table.OtherColumns([label]);
        float[] values = table.Numbers(features);

        var labels = new int[table.Rows.Count];
        var texts = new string[table.Rows.Count];
        bool allIntegers = true;
        for (int r = 0; r < texts.Length; r++)
        {
            texts[r] = table.Rows[r].Fields[label].Trim();
            if (texts[r].Length == 0)
            {
                throw table.CellError(r, label, "a class label", "an empty cell");
            }

            allIntegers &= int.TryParse(texts[r], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        }

        string[] classNames;
        if (allIntegers)
        {
            int max = 0;
            for (int r = 0; r < texts.Length; r++)
            {
                int index = int.Parse(texts[r], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                if (index < 0 || index >= MaxIntegerClassCount)
                {
                    throw table.CellError(
                        r, label, $"an integer class index from 0 to {MaxIntegerClassCount - 1} (integer labels are class indices)", Quote(texts[r]));
                }

                labels[r] = index;
                max = Math.Max(max, index);
            }

            classNames = Enumerable.Range(0, max + 1).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();
        }
        else
        {
            var indices = new Dictionary<string, int>(StringComparer.Ordinal);
            var names = new List<string>();
            for (int r = 0; r < texts.Length; r++)
            {
                if (!indices.TryGetValue(texts[r], out int index))
                {
                    index = names.Count;
                    indices.Add(texts[r], index);
                    names.Add(texts[r]);
                }

                labels[r] = index;
            }

            classNames = names.ToArray();
        }

        Dataset dataset = Dataset.WithLabels(values, features.Length, labels, classNames.Length, Path.GetFileName(path));
        return new CsvDataset(dataset, table.Names(features), table.Names([label]), classNames);
    }

    /// <summary>Reads a regression dataset: the <paramref name="targetColumns"/> are the float targets, in that order.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="targetColumns">The target columns' header names; for a file without a header, their 1-based column numbers.</param>
    /// <param name="hasHeader">Whether the first record names the columns.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is malformed or a cell is not a number.</exception>
    public static CsvDataset ReadRegression(string path, string[] targetColumns, bool hasHeader = true)
    {
        ArgumentNullException.ThrowIfNull(targetColumns);
        if (targetColumns.Length == 0)
        {
            throw new ArgumentException("At least one target column is needed.", nameof(targetColumns));
        }

        Table table = Table.Read(path, hasHeader);
        int[] targets = new int[targetColumns.Length];
        for (int t = 0; t < targets.Length; t++)
        {
            ArgumentNullException.ThrowIfNull(targetColumns[t], nameof(targetColumns));
            targets[t] = table.Resolve(targetColumns[t]);
            if (Array.IndexOf(targets, targets[t], 0, t) >= 0)
            {
                throw new ArgumentException($"Target column '{targetColumns[t]}' is named twice.", nameof(targetColumns));
            }
        }

        int[] features = table.OtherColumns(targets);
        Dataset dataset = Dataset.WithTargets(table.Numbers(features), features.Length, table.Numbers(targets), targets.Length, Path.GetFileName(path));
        return new CsvDataset(dataset, table.Names(features), table.Names(targets), Array.Empty<string>());
    }

    private static string Quote(string cell) =>
        cell.Length <= MaxQuotedCell ? $"'{cell}'" : $"'{cell[..MaxQuotedCell]}...' ({cell.Length} characters)";

    /// <summary>The records of one file: an optional header and at least one data row, all of the same width.</summary>
    private sealed class Table
    {
        private readonly string _path;
        private readonly (int Line, string[] Fields)? _header;

        private Table(string path, (int Line, string[] Fields)? header, List<(int Line, string[] Fields)> rows, int width)
        {
            _path = path;
            _header = header;
            Rows = rows;
            Width = width;
        }

        public List<(int Line, string[] Fields)> Rows { get; }

        public int Width { get; }

        public static Table Read(string path, bool hasHeader)
        {
            ArgumentException.ThrowIfNullOrEmpty(path);
            List<(int Line, string[] Fields)> records = CsvRecords.Parse(File.ReadAllText(path), path);
            if (records.Count == 0)
            {
                throw DataFormatException.AtCell(path, 1, 0, hasHeader ? "a header row and data rows" : "data rows", "an empty file");
            }

            int width = records[0].Fields.Length;
            foreach ((int line, string[] fields) in records)
            {
                if (fields.Length != width)
                {
                    throw DataFormatException.AtCell(
                        path,
                        line,
                        Math.Min(fields.Length, width) + 1,
                        string.Create(CultureInfo.InvariantCulture, $"{width} fields, as in line {records[0].Line}"),
                        string.Create(CultureInfo.InvariantCulture, $"{fields.Length} fields"));
                }
            }

            (int Line, string[] Fields)? header = hasHeader ? records[0] : null;
            if (hasHeader)
            {
                records.RemoveAt(0);
                if (records.Count == 0)
                {
                    throw DataFormatException.AtCell(path, header!.Value.Line + 1, 0, "at least one data row after the header", "the end of the file");
                }
            }

            return new Table(path, header, records, width);
        }

        /// <summary>The 0-based index of a column given by header name, or by 1-based number when there is no header.</summary>
        public int Resolve(string column)
        {
            if (_header is not (int line, string[] names))
            {
                if (!int.TryParse(column, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number < 1)
                {
                    throw new ArgumentException(
                        $"The file has no header, so columns are given by 1-based number; got '{column}'.", nameof(column));
                }

                if (number > Width)
                {
                    throw DataFormatException.AtCell(
                        _path, Rows[0].Line, 0, string.Create(CultureInfo.InvariantCulture, $"a column {number}"), string.Create(CultureInfo.InvariantCulture, $"{Width} fields"));
                }

                return number - 1;
            }

            string wanted = column.Trim();
            int found = -1;
            for (int j = 0; j < names.Length; j++)
            {
                if (string.Equals(names[j].Trim(), wanted, StringComparison.Ordinal))
                {
                    if (found >= 0)
                    {
                        throw DataFormatException.AtCell(
                            _path, line, j + 1, $"one column named '{wanted}'", string.Create(CultureInfo.InvariantCulture, $"a second one (the first is column {found + 1})"));
                    }

                    found = j;
                }
            }

            if (found < 0)
            {
                throw DataFormatException.AtCell(
                    _path, line, 0, $"a column named '{wanted}'", "the columns " + string.Join(", ", names.Select(n => $"'{n.Trim()}'")));
            }

            return found;
        }

        /// <summary>All columns except <paramref name="excluded"/>, in file order; at least one.</summary>
        public int[] OtherColumns(int[] excluded)
        {
            int[] others = Enumerable.Range(0, Width).Where(j => Array.IndexOf(excluded, j) < 0).ToArray();
            if (others.Length == 0)
            {
                throw DataFormatException.AtCell(
                    _path, _header?.Line ?? Rows[0].Line, 0, "at least one feature column besides the label or targets", string.Create(CultureInfo.InvariantCulture, $"{Width} columns in all"));
            }

            return others;
        }

        /// <summary>The cells of <paramref name="columns"/>, row by row, as finite floats.</summary>
        public float[] Numbers(int[] columns)
        {
            var values = new float[checked(Rows.Count * columns.Length)];
            int k = 0;
            for (int r = 0; r < Rows.Count; r++)
            {
                string[] fields = Rows[r].Fields;
                foreach (int j in columns)
                {
                    string cell = fields[j];
                    if (string.IsNullOrWhiteSpace(cell))
                    {
                        throw CellError(r, j, "a number", "an empty cell");
                    }

                    if (!float.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out float value))
                    {
                        throw CellError(r, j, "a number (invariant culture, such as 5.1 or -2e-3)", Quote(cell));
                    }

                    if (!float.IsFinite(value))
                    {
                        throw CellError(r, j, "a finite number within the float range", Quote(cell));
                    }

                    values[k++] = value;
                }
            }

            return values;
        }

        public string[] Names(int[] columns) =>
            columns.Select(j => _header is (_, string[] names) ? names[j].Trim() : string.Create(CultureInfo.InvariantCulture, $"column {j + 1}")).ToArray();

        public DataFormatException CellError(int row, int column, string expected, string found) =>
            DataFormatException.AtCell(_path, Rows[row].Line, column + 1, expected, found);
    }
}
