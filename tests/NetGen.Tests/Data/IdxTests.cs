using System;
using System.Collections.Generic;
using System.IO;
using NetGen.Data;
using Xunit;

namespace NetGen.Tests.Data;

public class IdxTests
{
    private const int ImageHeader = 16, LabelHeader = 8;

    [Fact]
    public void ReadImages_And_ReadLabels_ReadRawAndGzipAlike()
    {
        using var dir = new TempDirectory();
        byte[] images = DataFiles.Images(3, 4, 5), labels = DataFiles.Labels(7);
        foreach (bool gzip in new[] { false, true })
        {
            string i = dir.File($"images{gzip}", gzip ? DataFiles.Gzip(images) : images);
            string l = dir.File($"labels{gzip}", gzip ? DataFiles.Gzip(labels) : labels);

            (byte[] pixels, int count, int rows, int cols) = Idx.ReadImages(i);
            Assert.Equal((3, 4, 5), (count, rows, cols));
            Assert.Equal(images.AsSpan(ImageHeader).ToArray(), pixels);
            Assert.Equal(labels.AsSpan(LabelHeader).ToArray(), Idx.ReadLabels(l));

            IdxArray general = Idx.Read(i);
            Assert.Equal(new[] { 3, 4, 5 }, general.Dimensions.ToArray());
            Assert.Equal(pixels, general.Data);
        }
    }

    [Fact]
    public void Read_AcceptsOneToThreeDimensionsOfBytes_AndEmptyData()
    {
        using var dir = new TempDirectory();
        IdxArray two = Idx.Read(dir.File("two", DataFiles.Idx(0x802, [2, 3], [1, 2, 3, 4, 5, 6])));
        Assert.Equal(new[] { 2, 3 }, two.Dimensions.ToArray());
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5, 6 }, two.Data);

        IdxArray empty = Idx.Read(dir.File("empty", DataFiles.Idx(0x803, [0, 28, 28], [])));
        Assert.Empty(empty.Data);
    }

    [Theory]
    [InlineData(0x00000801, "0x00000803", "labels, unsigned bytes, 1 dimension")] // a label file passed as images
    [InlineData(0x00000D03, "0x00000803", "32-bit floats, not supported")]
    [InlineData(0x00000802, "0x00000803", "2 dimensions")]
    [InlineData(0x12345678, "0x00000803", "not an IDX file")]
    [InlineData(0x03080000, "0x00000803", "not an IDX file")] // little-endian magic
    public void ReadImages_RejectsAWrongMagicNumber(int magic, string expected, string found)
    {
        using var dir = new TempDirectory();
        byte[] bytes = DataFiles.Images(2, 3, 3);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        foreach (bool gzip in new[] { false, true })
        {
            string path = dir.File($"bad{gzip}", gzip ? DataFiles.Gzip(bytes) : bytes);
            var ex = Assert.Throws<DataFormatException>(() => Idx.ReadImages(path));
            Assert.Equal(0, ex.Offset);
            Assert.Equal(path, ex.FileName);
            Assert.Contains(path, ex.Message);
            Assert.Contains(expected, ex.Message);
            Assert.Contains(found, ex.Message);
        }
    }

    [Fact]
    public void ReadLabels_RejectsAnImageFile_AndRead_RejectsFourDimensions()
    {
        using var dir = new TempDirectory();
        var ex = Assert.Throws<DataFormatException>(() => Idx.ReadLabels(dir.File("images", DataFiles.Images(2, 3, 3))));
        Assert.Contains("expected the IDX magic number 0x00000801", ex.Message);
        Assert.Contains("found 0x00000803 (images, unsigned bytes, 3 dimensions)", ex.Message);

        Assert.Throws<DataFormatException>(() => Idx.Read(dir.File("four", DataFiles.Idx(0x804, [1, 1, 1, 1], [7]))));
        Assert.Throws<DataFormatException>(() => Idx.Read(dir.File("zero", DataFiles.Idx(0x800, [], [7]))));
        Assert.Throws<DataFormatException>(() => Idx.Read(dir.File("text", "hello, world\n"u8)));
    }

    public static IEnumerable<object[]> Files() =>
    [
        ["images", false], ["images", true], ["labels", false], ["labels", true],
    ];

    /// <summary>Every cut of a small file, header and data: the error names the file and the offset where the data ended.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Truncation_AtEveryOffset_IsReportedWhereTheDataEnd(string kind, bool gzip)
    {
        using var dir = new TempDirectory();
        byte[] full = kind == "images" ? DataFiles.Images(3, 4, 5) : DataFiles.Labels(7);
        int header = kind == "images" ? ImageHeader : LabelHeader;
        for (int cut = 0; cut < full.Length; cut++)
        {
            ReadOnlySpan<byte> raw = full.AsSpan(0, cut);
            string path = dir.File($"cut{cut}", gzip ? DataFiles.Gzip(raw) : raw);
            var ex = Assert.Throws<DataFormatException>(() => Read(kind, path));
            Assert.Equal(cut, ex.Offset);
            Assert.Contains(path, ex.Message);
            Assert.Contains($"at byte offset {cut}", ex.Message);
            if (cut >= header)
            {
                int missing = full.Length - cut;
                Assert.Contains($"{full.Length - header} bytes of data", ex.Message);
                Assert.Contains(gzip ? $"{missing} bytes are missing" : $"the file ends at byte offset {cut}", ex.Message);
            }
        }
    }

    /// <summary>The shipped label and image files cut at a spread of offsets, raw and compressed.</summary>
    [Fact]
    public void Truncation_OfTheShippedFiles_IsReportedWhereTheDataEnd()
    {
        using var dir = new TempDirectory();
        byte[] labels = DataFiles.Gunzip(Path.Combine(DataFiles.MnistDirectory, "t10k-labels-idx1-ubyte.gz"));
        byte[] images = DataFiles.Gunzip(Path.Combine(DataFiles.MnistDirectory, "t10k-images-idx3-ubyte.gz"));
        var cases = new List<(string Kind, byte[] Full, int Cut, bool Gzip)>();
        foreach (int cut in new[] { 0, 3, 7, 8, 9, 1000, 5001, 10007 })
        {
            cases.Add(("labels", labels, cut, false));
            cases.Add(("labels", labels, cut, true));
        }

        foreach (int cut in new[] { 2, 11, 16, 17, 16 + 784, 3_000_017, images.Length - 1 })
        {
            cases.Add(("images", images, cut, false));
        }

        foreach (int cut in new[] { 15, 16 + 783, images.Length - 784 })
        {
            cases.Add(("images", images, cut, true));
        }

        foreach ((string kind, byte[] full, int cut, bool gzip) in cases)
        {
            ReadOnlySpan<byte> raw = full.AsSpan(0, cut);
            string path = dir.File($"{kind}{cut}{gzip}", gzip ? DataFiles.Gzip(raw) : raw);
            var ex = Assert.Throws<DataFormatException>(() => Read(kind, path));
            Assert.Equal(cut, ex.Offset);
            Assert.Contains(path, ex.Message);
            File.Delete(path);
        }
    }

    /// <summary>Cutting the compressed bytes themselves (not the content): still a DataFormatException, never anything else.</summary>
    [Fact]
    public void Truncation_OfTheCompressedBytes_IsADataFormatException()
    {
        using var dir = new TempDirectory();
        byte[] zipped = File.ReadAllBytes(Path.Combine(DataFiles.MnistDirectory, "t10k-labels-idx1-ubyte.gz"));
        // The last 8 bytes are the gzip trailer (CRC and size); GZipStream does not insist on it, so cuts stop before.
        for (int cut = 0; cut < zipped.Length - 8; cut += cut < 64 ? 1 : 97)
        {
            string path = dir.File($"cut{cut}", zipped.AsSpan(0, cut));
            var ex = Assert.Throws<DataFormatException>(() => Idx.ReadLabels(path));
            Assert.InRange(ex.Offset, 0, 10_007);
        }
    }

    [Fact]
    public void CorruptCompressedData_IsADataFormatException()
    {
        using var dir = new TempDirectory();
        byte[] zipped = File.ReadAllBytes(Path.Combine(DataFiles.MnistDirectory, "t10k-labels-idx1-ubyte.gz"));
        zipped[1000] ^= 0xFF;
        zipped[1001] ^= 0x55;
        var ex = Assert.Throws<DataFormatException>(() => Idx.ReadLabels(dir.File("corrupt.gz", zipped)));
        Assert.Contains("corrupt compressed data", ex.Message);
        Assert.IsType<InvalidDataException>(ex.InnerException);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrailingBytes_AreAnError_AtTheEndOfTheData(bool gzip)
    {
        using var dir = new TempDirectory();
        byte[] images = [.. DataFiles.Images(3, 4, 5), 1, 2, 3];
        string path = dir.File("images", gzip ? DataFiles.Gzip(images) : images);
        var ex = Assert.Throws<DataFormatException>(() => Idx.ReadImages(path));
        Assert.Equal(images.Length - 3, ex.Offset);
        Assert.Contains("3 more bytes", ex.Message);
    }

    /// <summary>
    /// Headers claiming absurd sizes fail at once, or at the end of the real data, without allocating what they claim.
    /// </summary>
    [Theory]
    [InlineData(false, int.MaxValue)]
    [InlineData(true, int.MaxValue)]
    [InlineData(false, 2_000_000)] // 1.5 GB claimed, under the array limit
    [InlineData(true, 2_000_000)]
    public void AbsurdCounts_FailQuickly_WithoutAllocatingThem(bool gzip, int claimed)
    {
        using var dir = new TempDirectory();
        byte[] images = DataFiles.Images(20, 28, 28);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), claimed);
        byte[] labels = DataFiles.Labels(20);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), claimed);
        string imagePath = dir.File("images", gzip ? DataFiles.Gzip(images) : images);
        string labelPath = dir.File("labels", gzip ? DataFiles.Gzip(labels) : labels);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<DataFormatException>(() => Idx.ReadImages(imagePath));
        Assert.Contains(((long)claimed * 784).ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Message);
        Assert.Throws<DataFormatException>(() => Idx.ReadLabels(labelPath));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 8 << 20);
    }

    [Fact]
    public void SizesBeyondInt32_AndHugeProducts_AreRejected()
    {
        using var dir = new TempDirectory();
        byte[] bytes = DataFiles.Images(1, 2, 2);
        bytes[4] = 0xFF; // count 0xFF000001
        var ex = Assert.Throws<DataFormatException>(() => Idx.ReadImages(dir.File("negative", bytes)));
        Assert.Equal(4, ex.Offset);

        byte[] huge = DataFiles.Idx(0x803, [int.MaxValue, int.MaxValue, int.MaxValue], [1, 2, 3]);
        Assert.Throws<DataFormatException>(() => Idx.ReadImages(dir.File("huge", huge)));
        Assert.Throws<DataFormatException>(() => Idx.ReadImages(dir.File("huge.gz", DataFiles.Gzip(huge))));
    }

    [Fact]
    public void AMissingFile_IsAFileNotFoundException()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => Idx.ReadLabels(Path.Combine(dir.Path, "nothing-here")));
    }

    private static object Read(string kind, string path) => kind == "images" ? Idx.ReadImages(path) : Idx.ReadLabels(path);
}
