using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace NetGen.Serialization;

/// <summary>
/// Reads and validates the header of a safetensors file, treating every number in it as untrusted.
/// </summary>
/// <remarks>
/// The rules, from the format's README and its reference implementation (huggingface/safetensors): an 8-byte
/// little-endian header length N of at most 100,000,000 that fits in the file; N bytes of UTF-8 JSON beginning with
/// <c>{</c> (trailing spaces allowed); an object mapping each tensor name to <c>dtype</c>, <c>shape</c> and
/// <c>data_offsets</c> <c>[begin, end]</c> relative to the data buffer, plus an optional <c>__metadata__</c> object of
/// string values; no duplicate keys; and tensor ranges that, sorted, tile the data buffer exactly, each as long as its
/// dtype and shape require. Nothing is allocated from a header number before it has been checked against the file's
/// length. Unknown fields inside a tensor entry are ignored, as the reference implementation does.
/// </remarks>
internal static class SafeTensorsReader
{
    /// <summary>The largest header the format accepts, in bytes (the reference implementation's limit).</summary>
    public const long MaxHeaderLength = 100_000_000;

    /// <summary>The key of the string-to-string metadata map.</summary>
    public const string MetadataKey = "__metadata__";

    private const int HeaderStart = 8;

    /// <summary>Reads the header of the file open in <paramref name="stream"/> and validates the whole layout.</summary>
    /// <exception cref="CheckpointFormatException">The file is not a valid safetensors file.</exception>
    public static SafeTensorsHeader ReadHeader(Stream stream, string fileName)
    {
        long fileLength = stream.Length;
        if (fileLength < HeaderStart)
        {
            throw new CheckpointFormatException(
                fileName,
                0,
                $"the file has {fileLength} bytes, but a safetensors file starts with an 8-byte little-endian header length");
        }

        Span<byte> lengthField = stackalloc byte[HeaderStart];
        stream.Position = 0;
        ReadExactly(stream, lengthField, fileName);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(lengthField);
        if (headerLength > MaxHeaderLength)
        {
            throw new CheckpointFormatException(
                fileName,
                0,
                $"the header length field says {headerLength} bytes, above the format's limit of {MaxHeaderLength} bytes");
        }

        if ((long)headerLength > fileLength - HeaderStart)
        {
            throw new CheckpointFormatException(
                fileName,
                0,
                $"the header length field says {headerLength} bytes, but only {fileLength - HeaderStart} bytes follow it " +
                $"(the file has {fileLength} bytes): the file is truncated or not a safetensors file");
        }

        byte[] header = new byte[headerLength];
        ReadExactly(stream, header, fileName);
        if (header.Length == 0 || header[0] != (byte)'{')
        {
            throw new CheckpointFormatException(
                fileName,
                HeaderStart,
                header.Length == 0
                    ? "the header is empty; expected a JSON object beginning with '{'"
                    : $"the header begins with byte 0x{header[0]:X2}; expected a JSON object beginning with '{{'");
        }

        if (!Utf8.IsValid(header))
        {
            throw new CheckpointFormatException(
                fileName, HeaderStart + FirstInvalidUtf8(header), "the header is not valid UTF-8");
        }

        var (entries, metadata) = Parse(header, fileName);
        long dataStart = HeaderStart + header.Length;
        return new SafeTensorsHeader(fileName, dataStart, Validate(entries, fileName, dataStart, fileLength), metadata);
    }

    private static (List<RawEntry> Entries, Dictionary<string, string> Metadata) Parse(byte[] header, string fileName)
    {
        var entries = new List<RawEntry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read(); // the '{' checked by the caller
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                long keyOffset = HeaderStart + reader.TokenStartIndex;
                string key = reader.GetString()!;
                if (!keys.Add(key))
                {
                    throw new CheckpointFormatException(
                        fileName, keyOffset, $"the key '{key}' appears twice in the header; the format disallows duplicate keys");
                }

                if (key == MetadataKey)
                {
                    ReadMetadata(ref reader, metadata, fileName);
                }
                else
                {
                    entries.Add(ReadEntry(ref reader, key, keyOffset, fileName));
                }
            }

            // Only whitespace (the format pads with spaces) may follow the object; the reader throws on anything else.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(
                fileName, HeaderStart + ByteOffset(header, e), $"the header is not valid JSON ({e.Message})", e);
        }
        catch (InvalidOperationException e)
        {
            throw new CheckpointFormatException(
                fileName, HeaderStart + reader.TokenStartIndex, $"the header holds an unreadable string ({e.Message})", e);
        }

        return (entries, metadata);
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string fileName)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new CheckpointFormatException(
                fileName,
                HeaderStart + reader.TokenStartIndex,
                $"'{MetadataKey}' must be an object of string values, not {Describe(reader.TokenType)}");
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            long keyOffset = HeaderStart + reader.TokenStartIndex;
            string key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new CheckpointFormatException(
                    fileName,
                    HeaderStart + reader.TokenStartIndex,
                    $"metadata value '{key}' is {Describe(reader.TokenType)}; the format allows only string values");
            }

            if (!metadata.TryAdd(key, reader.GetString()!))
            {
                throw new CheckpointFormatException(
                    fileName, keyOffset, $"the metadata key '{key}' appears twice; the format disallows duplicate keys");
            }
        }
    }

    private static RawEntry ReadEntry(ref Utf8JsonReader reader, string name, long keyOffset, string fileName)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new CheckpointFormatException(
                fileName,
                HeaderStart + reader.TokenStartIndex,
                $"tensor '{name}' is {Describe(reader.TokenType)}; expected an object with dtype, shape and data_offsets");
        }

        var entry = new RawEntry { Name = name, KeyOffset = keyOffset };
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            long fieldOffset = HeaderStart + reader.TokenStartIndex;
            string field = reader.GetString()!;
            switch (field)
            {
                case "dtype":
                    RequireFirst(entry.DType is null, name, field, fieldOffset, fileName);
                    entry.DType = ReadDType(ref reader, name, fileName);
                    break;
                case "shape":
                    RequireFirst(entry.Shape is null, name, field, fieldOffset, fileName);
                    entry.Shape = ReadShape(ref reader, name, fileName);
                    entry.ShapeOffset = fieldOffset;
                    break;
                case "data_offsets":
                    RequireFirst(entry.OffsetsOffset == 0, name, field, fieldOffset, fileName);
                    (entry.Begin, entry.End) = ReadOffsets(ref reader, name, fileName);
                    entry.OffsetsOffset = fieldOffset;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        string? missing = entry.DType is null ? "dtype" : entry.Shape is null ? "shape" : entry.OffsetsOffset == 0 ? "data_offsets" : null;
        if (missing is not null)
        {
            throw new CheckpointFormatException(
                fileName, keyOffset, $"tensor '{name}' has no '{missing}'; each tensor needs dtype, shape and data_offsets");
        }

        return entry;
    }

    private static void RequireFirst(bool first, string name, string field, long offset, string fileName)
    {
        if (!first)
        {
            throw new CheckpointFormatException(
                fileName, offset, $"tensor '{name}' has '{field}' twice; the format disallows duplicate keys");
        }
    }

    private static string ReadDType(ref Utf8JsonReader reader, string name, string fileName)
    {
        reader.Read();
        long offset = HeaderStart + reader.TokenStartIndex;
        string? dType = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (dType is null || !SafeTensorsDType.TryGetBits(dType, out _))
        {
            throw new CheckpointFormatException(
                fileName,
                offset,
                $"tensor '{name}' has dtype {(dType is null ? Describe(reader.TokenType) : "'" + dType + "'")}; expected one of " +
                SafeTensorsDType.KnownNames);
        }

        return dType;
    }

    private static int[] ReadShape(ref Utf8JsonReader reader, string name, string fileName)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new CheckpointFormatException(
                fileName,
                HeaderStart + reader.TokenStartIndex,
                $"tensor '{name}' has a shape that is {Describe(reader.TokenType)}; expected an array of dimensions");
        }

        var shape = new List<int>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long dimension) ||
                dimension < 0 || dimension > int.MaxValue)
            {
                throw new CheckpointFormatException(
                    fileName,
                    HeaderStart + reader.TokenStartIndex,
                    $"tensor '{name}' has a shape element that is not an integer in [0, {int.MaxValue}]");
            }

            shape.Add((int)dimension);
        }

        return shape.ToArray();
    }

    private static (ulong Begin, ulong End) ReadOffsets(ref Utf8JsonReader reader, string name, string fileName)
    {
        reader.Read();
        long arrayOffset = HeaderStart + reader.TokenStartIndex;
        Span<ulong> offsets = stackalloc ulong[2];
        int count = 0;
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (count == 2 || reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt64(out offsets[count]))
                {
                    count = -1;
                    break;
                }

                count++;
            }
        }

        if (count != 2)
        {
            throw new CheckpointFormatException(
                fileName,
                arrayOffset,
                $"tensor '{name}' has data_offsets that are not two non-negative integers [begin, end]");
        }

        return (offsets[0], offsets[1]);
    }

    private static List<SafeTensorsEntry> Validate(List<RawEntry> raw, string fileName, long dataStart, long fileLength)
    {
        long dataLength = fileLength - dataStart;
        var entries = new List<SafeTensorsEntry>(raw.Count);
        long covered = 0;
        string? previous = null;
        foreach (RawEntry entry in raw.OrderBy(e => e.Begin).ThenBy(e => e.End))
        {
            if (entry.End < entry.Begin)
            {
                throw new CheckpointFormatException(
                    fileName,
                    entry.OffsetsOffset,
                    $"tensor '{entry.Name}' has data_offsets [{entry.Begin}, {entry.End}], which end before they begin");
            }

            long elements = ElementCount(entry, fileName);
            SafeTensorsDType.TryGetBits(entry.DType!, out int bits);
            long totalBits = elements * bits;
            if (totalBits % 8 != 0 || (ulong)(totalBits / 8) != entry.End - entry.Begin)
            {
                throw new CheckpointFormatException(
                    fileName,
                    entry.OffsetsOffset,
                    $"tensor '{entry.Name}' of dtype {entry.DType} and shape {SafeTensorsEntry.FormatShape(entry.Shape!)} " +
                    (totalBits % 8 != 0
                        ? "does not fill a whole number of bytes"
                        : $"needs {totalBits / 8} bytes, but its data_offsets [{entry.Begin}, {entry.End}] span {entry.End - entry.Begin}"));
            }

            if (entry.Begin != (ulong)covered)
            {
                throw new CheckpointFormatException(
                    fileName,
                    entry.OffsetsOffset,
                    entry.Begin > (ulong)covered
                        ? $"data bytes {covered} to {entry.Begin} belong to no tensor (the next, '{entry.Name}', begins at " +
                          $"{entry.Begin}); the format requires the tensors to cover the data buffer without gaps"
                        : $"tensor '{entry.Name}' begins at data byte {entry.Begin}, inside tensor '{previous}', which ends " +
                          $"at {covered}; tensors must not overlap");
            }

            if (entry.End > (ulong)dataLength)
            {
                throw new CheckpointFormatException(
                    fileName,
                    fileLength,
                    $"tensor '{entry.Name}' needs data up to file byte {(ulong)dataStart + entry.End}, but the file ends at " +
                    $"byte {fileLength}: the file is truncated");
            }

            covered = (long)entry.End;
            previous = entry.Name;
            entries.Add(new SafeTensorsEntry(
                entry.Name, entry.DType!, entry.Shape!, elements, (long)entry.Begin, covered, entry.KeyOffset));
        }

        if (covered != dataLength)
        {
            throw new CheckpointFormatException(
                fileName,
                dataStart + covered,
                $"the tensors' data ends at file byte {dataStart + covered}, but the file has {fileLength} bytes; the " +
                "format requires the tensors to cover the data buffer exactly, with nothing after them");
        }

        return entries;
    }

    private static long ElementCount(RawEntry entry, string fileName)
    {
        // Bounded so that the count times the widest dtype (64 bits) cannot overflow.
        const long limit = long.MaxValue / 64;
        long elements = 1;
        foreach (int dimension in entry.Shape!)
        {
            if (dimension != 0 && elements > limit / dimension)
            {
                throw new CheckpointFormatException(
                    fileName,
                    entry.ShapeOffset,
                    $"tensor '{entry.Name}' has shape {SafeTensorsEntry.FormatShape(entry.Shape)}, whose size overflows");
            }

            elements *= dimension;
        }

        return elements;
    }

    private static void ReadExactly(Stream stream, Span<byte> destination, string fileName)
    {
        long start = stream.Position;
        try
        {
            stream.ReadExactly(destination);
        }
        catch (EndOfStreamException e)
        {
            throw new CheckpointFormatException(
                fileName,
                start,
                $"the file ended while reading {destination.Length} bytes at byte {start}; was it truncated while being read?",
                e);
        }
    }

    /// <summary>The byte offset in <paramref name="header"/> a <see cref="JsonException"/> points at.</summary>
    private static long ByteOffset(byte[] header, JsonException e)
    {
        long line = e.LineNumber ?? 0, column = e.BytePositionInLine ?? 0, start = 0;
        for (int i = 0; i < header.Length && line > 0; i++)
        {
            if (header[i] == (byte)'\n')
            {
                line--;
                start = i + 1;
            }
        }

        return Math.Min(start + column, header.Length);
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        int index = 0;
        while (index < bytes.Length && Rune.DecodeFromUtf8(bytes[index..], out _, out int consumed) == OperationStatus.Done)
        {
            index += consumed;
        }

        return index;
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    /// <summary>A tensor entry as parsed, before its offsets are checked against the file.</summary>
    private sealed class RawEntry
    {
        public string Name = "";
        public long KeyOffset;
        public string? DType;
        public int[]? Shape;
        public long ShapeOffset;
        public ulong Begin;
        public ulong End;
        public long OffsetsOffset;
    }
}
