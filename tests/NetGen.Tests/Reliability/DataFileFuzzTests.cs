using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using NetGen.Data;
using NetGen.Tests.Data;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Reliability;

/// <summary>
/// Mutated IDX (raw and gzip) and CSV files: every failure is a <see cref="DataFormatException"/> naming the file and
/// where (a byte offset, or a row); never an IndexOutOfRange, Overflow or OutOfMemory exception, a large allocation
/// from a header's claim, or a hang. <c>NETGEN_FILE_FUZZ_CASES</c> sets the number of cases per format.
/// </summary>
public class DataFileFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void MutatedIdxFiles_FailOnlyWithDataFormatException()
    {
        byte[] images = DataFiles.Idx(Idx.ImagesMagic, [3, 4, 5], Enumerable.Range(0, 60).Select(i => (byte)(i * 7)).ToArray());
        byte[] labels = DataFiles.Idx(Idx.LabelsMagic, [7], [0, 1, 2, 3, 4, 5, 9]);
        byte[] matrix = DataFiles.Idx(0x802, [2, 3], [1, 2, 3, 4, 5, 6]);
        byte[][] seeds = [images, labels, matrix, Gzip(images), Gzip(labels), Gzip(matrix)];

        FileFuzzer.Report report = FileFuzzer.Run(
            seeds,
            ".idx",
            [HugeDimension, OtherMagic, (bytes, random) => InsideGzip(bytes, random, HugeDimension), (bytes, random) => InsideGzip(bytes, random, OtherMagic)],
            path =>
            {
                IdxArray array = Idx.Read(path);
                if (array.Dimensions.Length == 3 && array.Dimensions[0] > 0)
                {
                    Idx.ReadImages(path);
                }
                else if (array.Dimensions.Length == 1)
                {
                    Idx.ReadLabels(path);
                }
            },
            (path, error) => error switch
            {
                null => null,
                DataFormatException d when d.FileName == path && d.Offset >= 0 && d.Message.StartsWith(path, StringComparison.Ordinal) => null,
                DataFormatException d => $"DataFormatException without the file or an offset (file '{d.FileName}', offset {d.Offset}): {d.Message}",
                _ => $"{error.GetType().Name}: {error}",
            });

        output.WriteLine("IDX: " + report);
        Assert.True(report.Problems.Count == 0, report.ToString());
    }

    [Fact]
    public void MutatedCsvFiles_FailOnlyWithDataFormatException()
    {
        string[] iris = File.ReadAllLines(DataFiles.IrisCsv);
        byte[] irisHead = Encoding.UTF8.GetBytes(string.Join("\n", iris.Take(25)) + "\n");
        byte[] quoted = Encoding.UTF8.GetBytes(
            "a,\"b, with comma\",label\r\n1,\"2.5\",setosa\r\n-3e-2,\"4\"\"\",virginica\r\n\r\n5,6,setosa\r\n");
        byte[] integers = Encoding.UTF8.GetBytes("x,y,label\n0.5,1,0\n1.5,2,2\n-1,0,1\n");
        byte[] headerless = Encoding.UTF8.GetBytes("0.5,1,0\n1.5,2,2\n-1,0,1\n");
        string[] tokens =
        [
            ",", "\"", "\n", "\r", "\r\n", "NaN", "Infinity", "-1e39", "1e39", "99999999999", "-5", "65536", "65535", "label",
            "", " ", "\"\"", "\u00A0", "\u0661", "\uFEFF", "\u2212" + "1", "1,2,3,4,5,6,7,8", "\0", "1_000", "0x10",
        ];

        FileFuzzer.Report report = FileFuzzer.Run(
            [irisHead, quoted, integers, headerless],
            ".csv",
            [(bytes, random) =>
            {
                int at = random.Next(bytes.Length + 1);
                return [.. bytes.AsSpan(0, at), .. Encoding.UTF8.GetBytes(tokens[random.Next(tokens.Length)]), .. bytes.AsSpan(at)];
            }],
            path =>
            {
                if (File.ReadAllText(path) is [>= '0' and <= '9' or '-', ..])
                {
                    Csv.ReadClassification(path, "3", hasHeader: false);
                    Csv.ReadRegression(path, ["1", "3"], hasHeader: false);
                }
                else
                {
                    Csv.ReadClassification(path, "label");
                    Csv.ReadRegression(path, ["label"]);
                }
            },
            (path, error) => error switch
            {
                null => null,
                DataFormatException d when d.FileName == path && d.Row >= 1 && d.Message.StartsWith(path, StringComparison.Ordinal) => null,
                DataFormatException d => $"DataFormatException without the file or a row (file '{d.FileName}', row {d.Row}): {d.Message}",
                _ => $"{error.GetType().Name}: {error}",
            });

        output.WriteLine("CSV: " + report);
        Assert.True(report.Problems.Count == 0, report.ToString());
    }

    /// <summary>Sets one dimension field to a size far larger than the file.</summary>
    private static byte[] HugeDimension(byte[] bytes, Random random)
    {
        if (bytes.Length < 8)
        {
            return bytes;
        }

        int dimensions = Math.Max(1, Math.Min(3, (bytes.Length - 4) / 4));
        int at = 4 + 4 * random.Next(dimensions);
        uint[] huge = [0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, 0x40000000, 0x00010000, 0x00100000, 0, 1, 46341];
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), huge[random.Next(huge.Length)]);
        return bytes;
    }

    private static byte[] OtherMagic(byte[] bytes, Random random)
    {
        if (bytes.Length >= 4)
        {
            int[] magics = [0x801, 0x802, 0x803, 0x804, 0x800, 0x8FF, 0xD03, 0x903, 0x1F8B0803, random.Next()];
            BinaryPrimitives.WriteInt32BigEndian(bytes, magics[random.Next(magics.Length)]);
        }

        return bytes;
    }

    /// <summary>Applies a header mutation to the decompressed content of a gzip file, so that it reaches the parser.</summary>
    private static byte[] InsideGzip(byte[] bytes, Random random, Func<byte[], Random, byte[]> mutation)
    {
        if (bytes.Length < 2 || bytes[0] != 0x1F || bytes[1] != 0x8B)
        {
            return mutation(bytes, random);
        }

        try
        {
            using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var content = new MemoryStream();
            input.CopyTo(content);
            return Gzip(mutation(content.ToArray(), random));
        }
        catch (InvalidDataException)
        {
            return bytes; // already corrupted by an earlier mutation
        }
    }

    private static byte[] Gzip(byte[] content)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return compressed.ToArray();
    }
}
