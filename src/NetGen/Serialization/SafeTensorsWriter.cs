using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace NetGen.Serialization;

/// <summary>
/// Writes the parts of a safetensors file: the 8-byte little-endian header length, the JSON header padded with
/// spaces to a multiple of 8 bytes (so that the data, and every F32 tensor in it, is aligned), then the F32 data.
/// </summary>
internal static class SafeTensorsWriter
{
    /// <summary>One F32 tensor to write, its data following the previous tensor's.</summary>
    public readonly record struct Tensor(string Name, IReadOnlyList<int> Shape, int Length);

    /// <summary>
    /// The header: <c>__metadata__</c> first, then the tensors in the order given, with contiguous data offsets from 0.
    /// </summary>
    public static byte[] BuildHeader(IReadOnlyList<Tensor> tensors, IEnumerable<KeyValuePair<string, string>> metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(SafeTensorsReader.MetadataKey);
            foreach (KeyValuePair<string, string> entry in metadata)
            {
                json.WriteString(entry.Key, entry.Value);
            }

            json.WriteEndObject();
            long offset = 0;
            foreach (Tensor tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", SafeTensorsDType.F32);
                json.WriteStartArray("shape");
                foreach (int dimension in tensor.Shape)
                {
                    json.WriteNumberValue(dimension);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += 4L * tensor.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        int padding = (8 - buffer.WrittenCount % 8) % 8;
        buffer.GetSpan(padding)[..padding].Fill((byte)' ');
        buffer.Advance(padding);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the length field and the header.</summary>
    public static void WriteHeader(Stream stream, byte[] header)
    {
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        stream.Write(header);
    }

    /// <summary>Writes floats little-endian.</summary>
    public static void WriteSingles(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }

        Span<byte> chunk = stackalloc byte[1024];
        while (!values.IsEmpty)
        {
            int count = Math.Min(values.Length, chunk.Length / 4);
            for (int i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(chunk.Slice(4 * i, 4), values[i]);
            }

            stream.Write(chunk[..(4 * count)]);
            values = values[count..];
        }
    }
}
