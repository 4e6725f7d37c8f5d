using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace NetGen.Tests.Data;

/// <summary>Paths to the data shipped in the repository, temporary folders, and builders of small IDX files.</summary>
internal static class DataFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository's <c>data/mnist</c> folder (never the shared folder outside the repository).</summary>
    public static string MnistDirectory => Path.Combine(Root.Value, "data", "mnist");

    /// <summary>The repository's <c>data/csv/iris.csv</c>.</summary>
    public static string IrisCsv => Path.Combine(Root.Value, "data", "csv", "iris.csv");

    private static string FindRoot()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "NetGen.sln")))
            {
                return d.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No NetGen.sln above '{AppContext.BaseDirectory}'.");
    }

    /// <summary>An IDX file: big-endian magic and sizes, then the data.</summary>
    public static byte[] Idx(int magic, int[] sizes, ReadOnlySpan<byte> data)
    {
        var bytes = new byte[4 + 4 * sizes.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < sizes.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), sizes[i]);
        }

        data.CopyTo(bytes.AsSpan(4 + 4 * sizes.Length));
        return bytes;
    }

    /// <summary><paramref name="count"/> images of <paramref name="rows"/> x <paramref name="cols"/> with pixel k = k * 7 mod 256.</summary>
    public static byte[] Images(int count, int rows, int cols)
    {
        var pixels = new byte[count * rows * cols];
        for (int k = 0; k < pixels.Length; k++)
        {
            pixels[k] = (byte)(k * 7);
        }

        return Idx(0x803, [count, rows, cols], pixels);
    }

    /// <summary><paramref name="count"/> labels 0..9, label k = k mod 10.</summary>
    public static byte[] Labels(int count)
    {
        var labels = new byte[count];
        for (int k = 0; k < count; k++)
        {
            labels[k] = (byte)(k % 10);
        }

        return Idx(0x801, [count], labels);
    }

    public static byte[] Gzip(ReadOnlySpan<byte> raw)
    {
        using var output = new MemoryStream();
        using (var zip = new GZipStream(output, CompressionLevel.Fastest))
        {
            zip.Write(raw);
        }

        return output.ToArray();
    }

    public static byte[] Gunzip(string path)
    {
        using var zip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        zip.CopyTo(output);
        return output.ToArray();
    }
}

/// <summary>A fresh folder under the system's temporary directory, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "netgen-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name, ReadOnlySpan<byte> content)
    {
        string path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    public string Text(string name, string content)
    {
        string path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
