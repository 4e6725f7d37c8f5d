using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace NetGen.Onnx;

/// <summary>
/// The protocol-buffers wire format, as much of it as an ONNX file needs: varints (wire type 0), 32-bit floats (wire
/// type 5) and length-delimited strings, bytes and nested messages (wire type 2). A nested message is written into its
/// own writer first, so that its length is known when the parent writes it.
/// </summary>
/// <remarks>
/// Repeated scalar fields are written unpacked, one tag per value, which every protobuf parser reads whether or not
/// the field is declared <c>[packed = true]</c>; onnx.proto is proto2, where the default is unpacked.
/// </remarks>
internal sealed class ProtobufWriter
{
    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>An <c>int64</c> or <c>int32</c> field: negative values take ten bytes, as protobuf encodes them.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>A <c>float</c> field: four bytes, little-endian.</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireFixed32);
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>A <c>string</c> field, UTF-8.</summary>
    public void WriteString(int field, string value)
    {
        int length = Encoding.UTF8.GetByteCount(value);
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)length);
        Encoding.UTF8.GetBytes(value, _buffer.GetSpan(length));
        _buffer.Advance(length);
    }

    /// <summary>A <c>bytes</c> field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
    }

    /// <summary>A nested message field holding everything <paramref name="message"/> has written.</summary>
    public void WriteMessage(int field, ProtobufWriter message) => WriteBytes(field, message.WrittenSpan);

    /// <summary>A base-128 varint, least significant group first.</summary>
    public void WriteVarint(ulong value)
    {
        Span<byte> span = _buffer.GetSpan(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    private void WriteTag(int field, int wireType) => WriteVarint(((ulong)(uint)field << 3) | (uint)wireType);
}
