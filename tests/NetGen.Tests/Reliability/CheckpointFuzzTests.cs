using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NetGen.Optimizers;
using NetGen.Serialization;
using NetGen.Tests.Networks;
using NetGen.Tests.Serialization;
using Xunit;
using Xunit.Abstractions;

namespace NetGen.Tests.Reliability;

/// <summary>
/// Mutated safetensors checkpoints: <see cref="Checkpoint.Load"/>, <see cref="Checkpoint.ReadTensors"/> and
/// <see cref="Checkpoint.ReadMetadata"/> fail only with <see cref="CheckpointException"/> (a
/// <see cref="CheckpointFormatException"/> with a byte offset inside the file for a malformed one), allocate nothing
/// sized by a header's claims, never hang, and a failed load leaves the network and optimizer unchanged.
/// </summary>
public partial class CheckpointFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void MutatedCheckpoints_FailOnlyWithCheckpointExceptions_AndChangeNothing()
    {
        using var directory = new TemporaryDirectory();
        var trained = new SigmoidMse(seed: 3);
        var adam = new Adam(0.01f);
        CheckpointTraining.Train(trained, adam, 0, 3);
        string withOptimizer = directory.File("with-optimizer.safetensors"), weightsOnly = directory.File("weights.safetensors");
        Checkpoint.Save(withOptimizer, trained, adam, new CheckpointInfo { Epoch = 3, Metadata = new Dictionary<string, string> { ["note"] = "seed" } });
        Checkpoint.Save(weightsOnly, trained);
        byte[][] seeds =
        [
            File.ReadAllBytes(withOptimizer),
            File.ReadAllBytes(weightsOnly),
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "torch_sequential.safetensors")),
        ];

        FileFuzzer.Report report = FileFuzzer.Run(
            seeds,
            ".safetensors",
            [HugeHeaderLength, HugeHeaderNumber, OtherDType, DuplicateKey],
            path =>
            {
                Checkpoint.ReadMetadata(path);
                var network = new SigmoidMse(seed: 1);
                var optimizer = new Adam(0.01f);
                float[] before = network.Parameters.ToArray(), state = CheckpointTraining.State(optimizer, network);
                try
                {
                    Checkpoint.Load(path, network, path.GetHashCode() % 2 == 0 ? optimizer : null);
                }
                catch (CheckpointException)
                {
                    if (!network.Parameters.SequenceEqual(before) || !CheckpointTraining.State(optimizer, network).AsSpan().SequenceEqual(state))
                    {
                        throw new InvalidOperationException("A failed load changed the network or the optimizer.");
                    }

                    Checkpoint.ReadTensors(path);
                    throw;
                }
            },
            (path, error) => error switch
            {
                null => null,
                CheckpointFormatException f when f.FileName == path && f.Offset >= 0 && f.Offset <= new FileInfo(path).Length => null,
                CheckpointFormatException f => $"CheckpointFormatException with file '{f.FileName}' and offset {f.Offset} (file length {new FileInfo(path).Length}): {f.Message}",
                CheckpointException c when c.FileName == path && c.Problems.Count > 0 => null,
                _ => $"{error.GetType().Name}: {error}",
            });

        output.WriteLine("safetensors: " + report);
        Assert.True(report.Problems.Count == 0, report.ToString());
    }

    private static byte[] HugeHeaderLength(byte[] bytes, Random random)
    {
        if (bytes.Length >= 8)
        {
            ulong[] lengths = [ulong.MaxValue, 1UL << 63, (1UL << 63) - 1, 100_000_001, 100_000_000, (ulong)bytes.Length - 7, (ulong)bytes.Length, 0, 1, (ulong)random.NextInt64()];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, lengths[random.Next(lengths.Length)]);
        }

        return bytes;
    }

    /// <summary>Replaces one number of the JSON header (a dimension or a data offset) with a huge or odd one.</summary>
    private static byte[] HugeHeaderNumber(byte[] bytes, Random random) => EditHeader(bytes, header =>
    {
        MatchCollection numbers = Number().Matches(header);
        if (numbers.Count == 0)
        {
            return header;
        }

        Match number = numbers[random.Next(numbers.Count)];
        string[] replacements =
        [
            "18446744073709551615", "18446744073709551616", "9223372036854775807", "9223372036854775808", "2147483647",
            "2147483648", "4294967296", "-1", "1e300", "0", "1.5", "00", "99999999999999999999999999",
        ];
        return header[..number.Index] + replacements[random.Next(replacements.Length)] + header[(number.Index + number.Length)..];
    });

    private static byte[] OtherDType(byte[] bytes, Random random) => EditHeader(bytes, header =>
    {
        string[] dtypes = ["F16", "BF16", "F64", "I64", "BOOL", "F8_E4M3", "U8", "X", "", "f32"];
        return header.Replace("\"F32\"", "\"" + dtypes[random.Next(dtypes.Length)] + "\"", StringComparison.Ordinal);
    });

    private static byte[] DuplicateKey(byte[] bytes, Random random) => EditHeader(bytes, header =>
    {
        int comma = header.IndexOf(",\"", StringComparison.Ordinal);
        return comma < 0 ? header : header[..comma] + ",\"shape\":[1]" + header[comma..];
    });

    /// <summary>Edits the JSON header as text and rewrites the length field to match (the data are unchanged).</summary>
    private static byte[] EditHeader(byte[] bytes, Func<string, string> edit)
    {
        if (bytes.Length < 8)
        {
            return bytes;
        }

        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (length > (ulong)(bytes.Length - 8))
        {
            return bytes;
        }

        byte[] header = Encoding.UTF8.GetBytes(edit(Encoding.UTF8.GetString(bytes, 8, (int)length)));
        return SafeTensorsBytes.File(header, bytes[(8 + (int)length)..]);
    }

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Number();
}
