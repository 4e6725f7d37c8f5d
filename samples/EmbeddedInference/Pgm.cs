using System;
using System.Globalization;
using System.IO;
using System.Text;
using NetGen.Data;

namespace EmbeddedInference;

/// <summary>
/// Netpbm grey maps: binary (P5) and plain (P2), maximum value 1 to 65535, comments in the header. Pixels are read as
/// value / maximum in [0, 1], as MNIST's: 0 is the background, the maximum full ink (a white digit on black).
/// </summary>
internal static class Pgm
{
    private const int MaxFileBytes = 1 << 20;

    /// <summary>Reads a <paramref name="width"/> x <paramref name="height"/> grey map as row-major values in [0, 1].</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="DataFormatException">The file is not a grey map of that size; the message says what was found where.</exception>
    public static float[] Read(string path, int width, int height)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        if (info.Length > MaxFileBytes)
        {
            throw DataFormatException.AtOffset(path, -1, $"a {width} x {height} PGM image", $"a file of {info.Length} bytes");
        }

        return Parse(File.ReadAllBytes(path), path, width, height);
    }

    /// <summary>Parses the bytes of a grey map; <paramref name="name"/> is used in messages.</summary>
    public static float[] Parse(byte[] bytes, string name, int width, int height)
    {
        var header = new HeaderReader(bytes, name);
        string magic = bytes.Length >= 2 ? Encoding.ASCII.GetString(bytes, 0, 2) : Encoding.ASCII.GetString(bytes);
        if (magic != "P5" && magic != "P2")
        {
            throw DataFormatException.AtOffset(name, 0, "a PGM image starting with P5 (binary) or P2 (plain)", Describe(magic));
        }

        header.Position = 2;
        int fileWidth = header.ReadNumber("the image width");
        int fileHeight = header.ReadNumber("the image height");
        long sizeOffset = header.Position;
        int maximum = header.ReadNumber("the maximum grey value");
        if (fileWidth != width || fileHeight != height)
        {
            throw DataFormatException.AtOffset(
                name, 2, $"a {width} x {height} image", string.Create(CultureInfo.InvariantCulture, $"{fileWidth} x {fileHeight}"));
        }

        if (maximum < 1 || maximum > 65535)
        {
            throw DataFormatException.AtOffset(
                name, sizeOffset, "a maximum grey value from 1 to 65535", maximum.ToString(CultureInfo.InvariantCulture));
        }

        var pixels = new float[width * height];
        if (magic == "P2")
        {
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = Scale(header.ReadNumber($"pixel {i} of {pixels.Length}"), maximum, name, header.Position);
            }

            header.SkipSpaceAndComments();
            if (header.Position != bytes.Length)
            {
                throw DataFormatException.AtOffset(name, header.Position, "the end of the file after the last pixel", "more data");
            }

            return pixels;
        }

        // P5: exactly one whitespace byte after the maximum, then one (maximum < 256) or two big-endian bytes per pixel.
        long start = header.Position + 1;
        int bytesPerPixel = maximum < 256 ? 1 : 2;
        long expected = start + (long)pixels.Length * bytesPerPixel;
        if (bytes.Length != expected)
        {
            throw DataFormatException.AtOffset(
                name,
                Math.Min(bytes.Length, start),
                string.Create(CultureInfo.InvariantCulture, $"{pixels.Length * bytesPerPixel} bytes of pixels ({expected} bytes in all)"),
                string.Create(CultureInfo.InvariantCulture, $"a file of {bytes.Length} bytes"));
        }

        for (int i = 0; i < pixels.Length; i++)
        {
            long offset = start + (long)i * bytesPerPixel;
            int value = bytesPerPixel == 1 ? bytes[offset] : (bytes[offset] << 8) | bytes[offset + 1];
            pixels[i] = Scale(value, maximum, name, offset);
        }

        return pixels;
    }

    /// <summary>Writes 8-bit pixels as a binary (P5) grey map with maximum 255.</summary>
    public static void Write(string path, ReadOnlySpan<byte> pixels, int width, int height)
    {
        byte[] header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{width} {height}\n255\n"));
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write(header);
        file.Write(pixels);
    }

    private static float Scale(int value, int maximum, string name, long offset)
    {
        if (value > maximum)
        {
            throw DataFormatException.AtOffset(
                name, offset, $"a grey value from 0 to {maximum}", value.ToString(CultureInfo.InvariantCulture));
        }

        return value == maximum ? 1f : (float)value / maximum;
    }

    private static string Describe(string text)
    {
        var builder = new StringBuilder("'");
        foreach (char c in text)
        {
            builder.Append(c is >= ' ' and <= '~' ? c.ToString() : string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:X2}"));
        }

        return text.Length == 0 ? "an empty file" : builder.Append('\'').ToString();
    }

    /// <summary>Reads the whitespace-separated decimal numbers of the header (and of a plain raster).</summary>
    private sealed class HeaderReader(byte[] bytes, string name)
    {
        public long Position { get; set; }

        public void SkipSpaceAndComments()
        {
            while (Position < bytes.Length)
            {
                byte b = bytes[Position];
                if (b == (byte)'#')
                {
                    while (Position < bytes.Length && bytes[Position] != (byte)'\n')
                    {
                        Position++;
                    }
                }
                else if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or (byte)'\v' or (byte)'\f')
                {
                    Position++;
                }
                else
                {
                    return;
                }
            }
        }

        public int ReadNumber(string what)
        {
            SkipSpaceAndComments();
            long start = Position;
            long value = 0;
            while (Position < bytes.Length && bytes[Position] is >= (byte)'0' and <= (byte)'9' && value <= int.MaxValue)
            {
                value = value * 10 + (bytes[Position] - '0');
                Position++;
            }

            if (Position == start || value > int.MaxValue)
            {
                string found = value > int.MaxValue ? "a number above 2147483647"
                    : Position >= bytes.Length ? "the end of the file"
                    : Describe(((char)bytes[Position]).ToString());
                throw DataFormatException.AtOffset(name, Position, $"{what} as a decimal number", found);
            }

            return (int)value;
        }
    }
}
