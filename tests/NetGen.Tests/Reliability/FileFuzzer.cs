using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace NetGen.Tests.Reliability;

/// <summary>
/// A seeded mutation loop over valid seed files: each case applies one to four random mutations (bit flips, byte
/// inserts and deletes, truncation, overwritten runs, spliced or repeated blocks, and format-aware edits the caller
/// supplies, such as header fields set to huge values), writes the file and reads it on a worker thread watched with a
/// per-case timeout. The caller's check turns each outcome (success or exception) into a problem or null.
/// </summary>
internal static class FileFuzzer
{
    /// <summary>How many cases a default run makes per format; <c>NETGEN_FILE_FUZZ_CASES</c> changes it.</summary>
    public static int Cases => int.TryParse(Environment.GetEnvironmentVariable("NETGEN_FILE_FUZZ_CASES"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 2000;

    /// <summary>The seed; <c>NETGEN_FILE_FUZZ_SEED</c> changes it.</summary>
    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("NETGEN_FILE_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) ? n : 1234;

    /// <summary>The most a reader may allocate for one small mutated file, however large a size its header claims.</summary>
    public const long AllocationLimit = 32L << 20;

    private static readonly TimeSpan PerCaseTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The result of a run: cases made, how many read successfully, and the problems found.</summary>
    public sealed record Report(int Cases, int Accepted, IReadOnlyList<string> Problems, TimeSpan Elapsed)
    {
        public override string ToString() =>
            $"{Cases} cases in {Elapsed.TotalSeconds:F1} s, {Accepted} read as valid, {Problems.Count} problems" +
            (Problems.Count == 0 ? "" : ":\n" + string.Join("\n\n", Problems.Take(5)) + (Problems.Count > 5 ? "\n..." : ""));
    }

    /// <param name="seeds">Valid files to mutate.</param>
    /// <param name="extension">The file name's extension (<c>.csv</c>, ...).</param>
    /// <param name="special">Format-aware mutations; each edits the bytes in place or returns new ones.</param>
    /// <param name="read">Reads the file at the given path.</param>
    /// <param name="check">Given the path and the exception (null on success), the problem, or null when all is well.</param>
    public static Report Run(
        IReadOnlyList<byte[]> seeds,
        string extension,
        IReadOnlyList<Func<byte[], Random, byte[]>> special,
        Action<string> read,
        Func<string, Exception?, string?> check)
    {
        int cases = Cases, seed = Seed;
        var problems = new List<string>();
        int accepted = 0;
        string directory = Path.Combine(Path.GetTempPath(), "netgen-file-fuzz-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var clock = Stopwatch.StartNew();
        try
        {
            for (int i = 0; i < cases; i++)
            {
                var random = new Random(HashCode.Combine(seed, i));
                byte[] source = seeds[random.Next(seeds.Count)];
                byte[] bytes = Mutate(source, random, special);
                string path = Path.Combine(directory, $"case{i}{extension}");
                File.WriteAllBytes(path, bytes);
                (Exception? error, long allocated, TimeSpan elapsed, bool finished) = ReadWatched(() => read(path));
                string? problem = !finished
                    ? $"did not finish within {PerCaseTimeout.TotalSeconds} s (a hang)"
                    : allocated > AllocationLimit
                        ? $"allocated {allocated} bytes for a {bytes.Length}-byte file"
                        : check(path, error);
                if (problem is not null)
                {
                    string kept = Path.Combine(Path.GetTempPath(), $"netgen-file-fuzz-seed{seed}-case{i}{extension}");
                    File.Copy(path, kept, overwrite: true);
                    problems.Add($"case {i} (seed {seed}, file kept as {kept}): {problem}");
                    if (!finished)
                    {
                        break; // the worker is still stuck in it
                    }
                }
                else if (error is null)
                {
                    accepted++;
                }

                File.Delete(path);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        return new Report(cases, accepted, problems, clock.Elapsed);
    }

    private static (Exception? Error, long Allocated, TimeSpan Elapsed, bool Finished) ReadWatched(Action read)
    {
        Exception? error = null;
        long allocated = 0;
        var clock = Stopwatch.StartNew();
        var worker = new Thread(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                read();
            }
            catch (Exception e)
            {
                error = e;
            }

            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        })
        { IsBackground = true };
        worker.Start();
        bool finished = worker.Join(PerCaseTimeout);
        return (error, allocated, clock.Elapsed, finished);
    }

    private static byte[] Mutate(byte[] source, Random random, IReadOnlyList<Func<byte[], Random, byte[]>> special)
    {
        byte[] bytes = (byte[])source.Clone();
        int count = 1 + random.Next(4);
        for (int m = 0; m < count; m++)
        {
            int choice = random.Next(8 + special.Count * 2);
            int at = bytes.Length == 0 ? 0 : random.Next(bytes.Length);
            switch (choice)
            {
                case 0 or 1: // bit flip
                    if (bytes.Length > 0)
                    {
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 2: // insert bytes
                    bytes = [.. bytes.AsSpan(0, at), .. RandomBytes(random, 1 + random.Next(8)), .. bytes.AsSpan(at)];
                    break;
                case 3: // delete bytes
                    bytes = [.. bytes.AsSpan(0, at), .. bytes.AsSpan(Math.Min(bytes.Length, at + 1 + random.Next(8)))];
                    break;
                case 4: // truncate, often near the start where the headers are
                    bytes = bytes[..(random.Next(2) == 0 ? Math.Min(bytes.Length, random.Next(64)) : at)];
                    break;
                case 5: // overwrite a run with 0x00, 0xFF or random bytes
                    byte fill = (byte)(random.Next(3) switch { 0 => 0x00, 1 => 0xFF, _ => random.Next(256) });
                    for (int k = at; k < Math.Min(bytes.Length, at + 1 + random.Next(16)); k++)
                    {
                        bytes[k] = fill;
                    }

                    break;
                case 6: // repeat a block
                    int length = Math.Min(bytes.Length - at, 1 + random.Next(64));
                    bytes = [.. bytes.AsSpan(0, at + length), .. bytes.AsSpan(at, length), .. bytes.AsSpan(at + length)];
                    break;
                case 7: // append garbage
                    bytes = [.. bytes, .. RandomBytes(random, 1 + random.Next(32))];
                    break;
                default:
                    bytes = special[random.Next(special.Count)](bytes, random);
                    break;
            }
        }

        return bytes;
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
