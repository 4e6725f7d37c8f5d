using System;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using System.IO.Compression;

namespace NetGen.Data;

/// <summary>
/// Reads IDX files of unsigned bytes (the MNIST format), raw or gzip-compressed; compression is recognised from the
/// content, not the name. The header is big-endian: a magic number <c>0x000008NN</c> (<c>08</c> = unsigned byte,
/// <c>NN</c> = number of dimensions), then one 32-bit size per dimension, then the data, row-major.
/// </summary>
/// <remarks>
/// The reader never trusts the header for an allocation: a raw file's sizes are checked against the file's length
/// before anything is allocated, and a compressed file's data are read in growing chunks, so a header claiming
/// billions of images fails at the end of the real data with a <see cref="DataFormatException"/>. Every problem
/// (wrong magic, short header, missing or extra data, corrupt compression) is a <see cref="DataFormatException"/>
/// naming the file and the byte offset in the (decompressed) content.
/// </remarks>
public static class Idx
{
    /// <summary>Magic number of an IDX file of unsigned-byte images: <c>[count, rows, columns]</c>.</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels: <c>[count]</c>.</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>The most dimensions <see cref="Read"/> accepts.</summary>
    public const int MaxDimensions = 3;

    private const int UnsignedByteType = 0x08;
    private const int InitialChunk = 1 << 20;
    private const int TrailingProbe = 1 << 16;

    /// <summary>Reads an unsigned-byte IDX file with 1 to <see cref="MaxDimensions"/> dimensions.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not a complete, well-formed IDX file of unsigned bytes.</exception>
    public static IdxArray Read(string path) => ReadFile(path, expectedMagic: null);

    /// <summary>Reads an IDX image file (magic <c>0x00000803</c>): pixels row-major, one image after another.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not a complete, well-formed IDX image file.</exception>
    public static (byte[] Pixels, int Count, int Rows, int Cols) ReadImages(string path)
    {
        IdxArray images = ReadFile(path, ImagesMagic);
        return (images.Data, images.Dimensions[0], images.Dimensions[1], images.Dimensions[2]);
    }

    /// <summary>Reads an IDX label file (magic <c>0x00000801</c>): one byte per sample.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not a complete, well-formed IDX label file.</exception>
    public static byte[] ReadLabels(string path) => ReadFile(path, LabelsMagic).Data;

    private static IdxArray ReadFile(string path, int? expectedMagic)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        Span<byte> signature = stackalloc byte[2];
        bool gzip = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false) == 2 && signature[0] == 0x1F && signature[1] == 0x8B;
        file.Position = 0;
        if (!gzip)
        {
            return new Reader(file, path, compressed: false).Read(file.Length, expectedMagic);
        }

        using var unzipped = new GZipStream(file, CompressionMode.Decompress);
        return new Reader(unzipped, path, compressed: true).Read(knownLength: -1, expectedMagic);
    }

    /// <summary>Reads one stream, keeping the offset in its (decompressed) content for messages.</summary>
    private sealed class Reader(Stream stream, string path, bool compressed)
    {
        private long _position;

        public IdxArray Read(long knownLength, int? expectedMagic)
        {
            // Magic number.
            Span<byte> header = stackalloc byte[4 * (1 + MaxDimensions)];
            int got = Fill(header[..4]);
            if (got < 4)
            {
                throw Error(got, "a 4-byte IDX magic number", EndOfData(got));
            }

            int magic = BinaryPrimitives.ReadInt32BigEndian(header);
            int dimensions = magic & 0xFF;
            if (expectedMagic is int expected ? magic != expected : (magic & ~0xFF) != UnsignedByteType << 8 || dimensions is < 1 or > MaxDimensions)
            {
                string wanted = expectedMagic is int e
                    ? $"the IDX magic number {Hex(e)} ({Describe(e)})"
                    : $"an IDX magic number 0x00000801 to 0x0000080{MaxDimensions} (unsigned bytes, 1 to {MaxDimensions} dimensions)";
                throw Error(0, wanted, $"{Hex(magic)} ({Describe(magic)})");
            }

            // Dimension sizes.
            int headerSize = 4 * (1 + dimensions);
            got = Fill(header[4..headerSize]);
            if (got < headerSize - 4)
            {
                string noun = dimensions == 1 ? "size" : "sizes";
                throw Error(4 + got, Invariant($"{dimensions} big-endian 32-bit dimension {noun} (a header of {headerSize} bytes)"), EndOfData(4 + got));
            }

            var sizes = new int[dimensions];
            Int128 total = 1;
            for (int i = 0; i < dimensions; i++)
            {
                uint size = BinaryPrimitives.ReadUInt32BigEndian(header[(4 + 4 * i)..]);
                if (size > int.MaxValue)
                {
                    throw Error(4 + 4 * i, $"dimension {i} to be a size of at most {int.MaxValue}", Invariant($"{size} (0x{size:X8})"));
                }

                sizes[i] = (int)size;
                total *= size;
            }

            string shape = "[" + string.Join(", ", sizes) + "]";
            if (knownLength >= 0)
            {
                long available = knownLength - headerSize;
                if (total > available)
                {
                    throw Error(
                        knownLength,
                        Invariant($"{total} bytes of data for shape {shape} after the {headerSize}-byte header, up to byte offset {headerSize + total}"),
                        Invariant($"the file ends at byte offset {knownLength}, with {available} bytes of data"));
                }

                if (total < available)
                {
                    throw Error(
                        headerSize + (long)total,
                        Invariant($"the end of the file after {total} bytes of data for shape {shape}"),
                        Invariant($"{available - (long)total} more bytes"));
                }
            }

            if (total > Array.MaxLength)
            {
                throw Error(4, Invariant($"at most {Array.MaxLength} bytes of data"), Invariant($"shape {shape}, {total} bytes"));
            }

            byte[] data = ReadData((int)total, headerSize, shape);
            ExpectEnd(headerSize + data.Length, shape);
            return new IdxArray(sizes, data);
        }

        /// <summary>Reads exactly <paramref name="total"/> bytes, growing the buffer only as data actually arrives.</summary>
        private byte[] ReadData(int total, int headerSize, string shape)
        {
            byte[] data = new byte[compressed ? Math.Min(total, InitialChunk) : total];
            int filled = 0;
            while (filled < total)
            {
                if (filled == data.Length)
                {
                    Array.Resize(ref data, (int)Math.Min(total, 2L * data.Length));
                }

                int got = Fill(data.AsSpan(filled));
                filled += got;
                if (filled < data.Length)
                {
                    break; // end of data
                }
            }

            if (filled < total)
            {
                throw Error(
                    headerSize + (long)filled,
                    Invariant($"{total} bytes of data for shape {shape} after the {headerSize}-byte header, up to byte offset {headerSize + (long)total}"),
                    Invariant($"the data end at byte offset {headerSize + (long)filled}, after {filled} bytes; {total - filled} bytes are missing"));
            }

            return data;
        }

        private void ExpectEnd(long end, string shape)
        {
            byte[] probe = new byte[TrailingProbe];
            int extra = Fill(probe);
            if (extra > 0)
            {
                string more = extra < TrailingProbe ? Invariant($"{extra} more bytes") : Invariant($"at least {extra} more bytes");
                throw Error(end, Invariant($"the end of the data at byte offset {end} (shape {shape})"), more);
            }
        }

        /// <summary>Reads until <paramref name="buffer"/> is full or the data end; returns the bytes read.</summary>
        private int Fill(Span<byte> buffer)
        {
            int filled = 0;
            try
            {
                while (filled < buffer.Length)
                {
                    int got = stream.Read(buffer[filled..]);
                    if (got == 0)
                    {
                        break;
                    }

                    filled += got;
                    _position += got;
                }
            }
            catch (InvalidDataException ex)
            {
                throw Error(_position, "valid gzip-compressed data", $"corrupt compressed data ({ex.Message})", ex);
            }

            return filled;
        }

        private DataFormatException Error(long offset, string expected, string found, Exception? inner = null) =>
            DataFormatException.AtOffset(path, offset, expected, compressed ? found + " (offsets count decompressed bytes)" : found, inner);

        private static string EndOfData(long offset) => Invariant($"the end of the data at byte offset {offset}");
    }

    private static string Hex(int value) => "0x" + value.ToString("X8", CultureInfo.InvariantCulture);

    private static string Describe(int magic)
    {
        if ((magic & ~0xFFFF) != 0)
        {
            return "not an IDX file: an IDX magic number starts with two zero bytes";
        }

        string type = ((magic >> 8) & 0xFF) switch
        {
            0x08 => "unsigned bytes",
            0x09 => "signed bytes, not supported",
            0x0B => "16-bit integers, not supported",
            0x0C => "32-bit integers, not supported",
            0x0D => "32-bit floats, not supported",
            0x0E => "64-bit floats, not supported",
            int t => Invariant($"unknown data type 0x{t:X2}"),
        };
        int dimensions = magic & 0xFF;
        string kind = magic switch
        {
            ImagesMagic => "images, ",
            LabelsMagic => "labels, ",
            _ => "",
        };
        return Invariant($"{kind}{type}, {dimensions} dimension{(dimensions == 1 ? "" : "s")}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
